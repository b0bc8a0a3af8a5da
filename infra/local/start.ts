/**
 * `npm start`: the whole platform on this machine, no AWS account needed. Prints where each part
 * listens and stops cleanly on Ctrl-C. Data is kept under `.data/` across restarts.
 */
import { ConfigError, config } from '#core/config/load-config.ts';
import { startLocalWorld } from './local-world.ts';

const startedAt = performance.now();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let settings: ReturnType<typeof config>;
try {
  settings = config();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
if (settings.env !== 'local') {
  fail(
    'npm start runs the local world and needs WECARE_ENV=local; with WECARE_ENV=aws the code runs in AWS (see README: Deploying).',
  );
}

// `--stores-only`: the AWS world without the platform's functions, for a benchmark that runs them in
// its own process (as in AWS, where DynamoDB and the rest are not on the function's machine).
const storesOnly = process.argv.includes('--stores-only');
const world = await startLocalWorld({
  config: settings,
  persistent: !storesOnly,
  simulator: !storesOnly,
}).catch((error: unknown) =>
  fail(`Could not start the local world: ${error instanceof Error ? error.message : String(error)}`),
);

const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const rows = world.services.map((service) => `  ${service.name.padEnd(34)} ${service.endpoint}`);
const ttl = world.tables.some((table) => table.timeToLive === 'unsupported')
  ? '\n  (dynalite has no TTL: audit entries do not expire locally; AWS and DynamoDB Local expire them)'
  : '';
console.log(
  [
    `WECARE.DIGITAL local world is up in ${seconds} s (data in ${world.config.local.dataDirectory}/)`,
    ...rows,
    `  ${'WhatsApp simulator'.padEnd(34)} ${world.config.local.awsEndpoint}/sim`,
    `  ${'Stand-in health'.padEnd(34)} ${world.config.local.awsEndpoint}/__stand-in/health`,
    `  ${world.tables.length} tables, 4 buckets, ${world.queues} queues ready; ${world.knowledgeBaseDocuments} Knowledge Base documents indexed.${ttl}`,
    'Press Ctrl-C to stop.',
  ].join('\n'),
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local world...`);
  try {
    await world.stop();
  } catch (error) {
    console.error(
      `Could not stop cleanly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  }
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
