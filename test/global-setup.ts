import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';

/**
 * Starts the local AWS world once for the test run (in memory, free ports) and hands its endpoints
 * to the test workers through the environment, which is where `core/config` reads them.
 * `WECARE_LOCAL_DYNAMODB_ENGINE=dynamodb-local` runs the same tests against AWS's DynamoDB Local.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const config = loadConfig({ ...process.env, WECARE_ENV: 'local' });
  const world = await startLocalWorld({ config, persistent: false, ephemeralPorts: true });
  Object.assign(process.env, world.environment);
  return () => world.stop();
}
