import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';

/**
 * Starts the local AWS world once for the test run (in memory, free ports) and hands its endpoints
 * to the test workers through the environment, which is where `core/config` reads them.
 * `WECARE_LOCAL_DYNAMODB_ENGINE=dynamodb-local` runs the same tests against AWS's DynamoDB Local.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // The world's own handlers (the simulator's inbound deliveries) log in this process.
  process.env.WECARE_LOG_LEVEL ??= 'SILENT';
  // Tests of the bot's answers should not wait two seconds for a burst that never comes.
  process.env.WECARE_AGENT_DEBOUNCE_MS ??= '300';
  const config = loadConfig({ ...process.env, WECARE_ENV: 'local' });
  const world = await startLocalWorld({
    config,
    persistent: false,
    ephemeralPorts: true,
    statusDelaysMs: [20, 60, 120],
  });
  Object.assign(process.env, world.environment);
  return () => world.stop();
}
