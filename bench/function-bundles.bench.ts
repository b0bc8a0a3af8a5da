/**
 * Every Lambda function's bundle against its deploy budgets: ≤ 1 MB minified and ≤ 150 ms cold
 * init. Each `functions/wecare-*.ts` is bundled with exactly the options it deploys with
 * (infra/aws/function-bundling.ts); its size is the minified JavaScript, without the source map.
 *
 * Cold init is a proxy for Lambda's INIT phase and what the first invocation builds before it calls
 * anything: the median over fresh `node` processes (run with the functions' NODE_OPTIONS) of
 * (1) importing the bundle, then (2) what the handler builds on its first invocation: the shell's
 * Powertools Logger, Tracer and Metrics, `platform()` from the configuration (`WECARE_ENV=aws`),
 * and the collaborators the function asks the platform for, which construct its AWS SDK clients.
 * Nothing calls AWS: it runs offline without credentials. (2) needs the bundle's own module
 * instances, so the timed bundle is the function's entry plus a few lines exporting those builders
 * (the same code; its extra bytes are printed). Lambda's Tracer is off outside Lambda, as here.
 *
 * `npm run bench -- function-bundles`; `BENCH_RUNS` sets the processes per function (7).
 * `BENCH_SDK=external` measures the alternative of leaving `@aws-sdk/*` to the Lambda runtime
 * (resolved from node_modules here): not what deploys.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import type { AwsClients } from '../core/aws/client-registry.ts';
import { loadConfig } from '../core/config/load-config.ts';
import {
  functionBuildOptions,
  functionEntries,
  functionNodeOptions,
} from '../infra/aws/function-bundling.ts';
import { functionCatalog } from '../infra/aws/function-catalog.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const sdkExternal = process.env.BENCH_SDK === 'external';
const budget = { bytes: 1_000_000, initMs: 150 };
/** The files a function reads beside its code (the console's stylesheet and script), copied as the deploy copies them. */
const assetsOf = new Map(
  functionCatalog(loadConfig({ WECARE_ENV: 'aws' })).map((spec) => [spec.name, spec.assets ?? []]),
);

/** A part the first invocation builds (`<functions/parts module>:<export>`), or one of the platform's clients. */
type Part = `${string}:${string}` | `clients.${Exclude<keyof AwsClients, 'withoutRetries'>}`;
/** What each function's first invocation builds; a function not listed here builds nothing beyond its platform. */
const firstInvocation: Record<string, readonly Part[]> = {
  'wecare-admin-api': ['console:adminConsole'],
  'wecare-agent-reconcile': ['replies:replies', 'agent-jobs:agentJobs'],
  'wecare-ai-generate-response': ['bot:bot', 'agent-dead-letters:agentDeadLetters'],
  'wecare-ai-query-kb': ['retriever:retriever'],
  // It opens the dead-letter queue it is asked to replay (SQS, and S3 for large bodies), as this does.
  'wecare-dlq-replay': ['agent-dead-letters:agentDeadLetters', 'agent-jobs:agentJobs'],
  'wecare-inbound-whatsapp': ['inbound:inbound'],
  'wecare-outbound-email': ['email-sender:emailSender'],
  'wecare-outbound-sms': ['sms-sender:smsSender'],
  'wecare-outbound-whatsapp': ['whatsapp-sender:whatsAppSender'],
};

// Lambda sets a region and the function's environment; no instance metadata service here, no log noise.
const childEnvironment = {
  ...process.env,
  WECARE_ENV: 'aws',
  AWS_REGION: process.env.AWS_REGION ?? 'ap-south-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  WECARE_LOG_LEVEL: 'SILENT',
};

/** The entry that is timed: the function's module, and the builders its first invocation runs. */
function probeEntry(entry: string, name: string, parts: readonly Part[]): string {
  const label = JSON.stringify(name);
  const builders = parts.filter((part) => !part.startsWith('clients.'));
  const imports = builders
    .map((part, index) => {
      const [module, exported] = part.split(':');
      return `import { ${exported} as part${index} } from './functions/parts/${module}.ts';`;
    })
    .join('\n');
  const clients = parts
    .filter((part) => part.startsWith('clients.'))
    .map((part) => `built.clients.${part.slice('clients.'.length)};`)
    .join('\n  ');
  return `export { handler } from './${entry}';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { logger } from './core/logger/logger.ts';
import { platform } from './functions/composition-root.ts';
${imports}
export function firstInvocation() {
  // As functions/lambda-shell.ts builds its shell, then the body's platform() and collaborators.
  logger(${label});
  new Tracer({ serviceName: ${label} });
  new Metrics({ namespace: 'WECARE.DIGITAL', serviceName: ${label}, defaultDimensions: { function: ${label} } });
  const built = platform();
  ${builders.map((_, index) => `part${index}();`).join(' ')}
  ${clients}
}`;
}

// Run in each fresh process: hrtime around the import, then around the first invocation's builders.
const probe = `const [url] = process.argv.slice(1);
const started = process.hrtime.bigint();
const bundle = await import(url);
const imported = process.hrtime.bigint();
bundle.firstInvocation();
const ready = process.hrtime.bigint();
console.log(JSON.stringify({
  importMs: Number(imported - started) / 1e6,
  builtMs: Number(ready - imported) / 1e6,
  readyMs: performance.now(),
}));`;

interface Sample {
  importMs: number;
  builtMs: number;
  readyMs: number;
  wallMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timedNode(args: readonly string[]): { ms: number; stdout: string } {
  const began = performance.now();
  const run = spawnSync(process.execPath, args, { env: childEnvironment, encoding: 'utf8', timeout: 30_000 });
  const ms = performance.now() - began;
  if (run.status !== 0) {
    // The error's own lines, not a line of minified bundle.
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '' && line.length < 300);
    const reason = run.error?.message ?? lines.slice(0, 4).join(' | ');
    throw new Error(`node ${args.slice(-2).join(' ')} failed: ${reason}`);
  }
  return { ms, stdout: run.stdout };
}

function largestPackages(metafile: Metafile | undefined, count: number): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile?.outputs ?? {})) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(ours)';
      bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes]
    .sort((left, right) => right[1] - left[1])
    .slice(0, count)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)}K`)
    .join(', ');
}

function options(entry: string, outfile: string): BuildOptions {
  return {
    ...functionBuildOptions(entry, outfile),
    absWorkingDir: root,
    metafile: true,
    ...(sdkExternal ? { external: ['@aws-sdk/*'] } : {}),
  };
}

interface Row {
  name: string;
  bytes: number;
  importMs: number;
  initMs: number;
  readyMs: number;
  wallMs: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'wecare-function-bundles-'));
// With BENCH_SDK=external, `@aws-sdk/*` resolves from here as Lambda resolves it from its runtime.
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
const rows: Row[] = [];
const began = performance.now();
const emptyMs = median(Array.from({ length: 5 }, () => timedNode(['-e', '']).ms));
/** A bundle of its own code (a function's entry, or a module's text), timed through the probe entry. */
async function measure(name: string, code: { entry: string } | { contents: string }, probeContents: string) {
  const directory = join(scratch, name);
  mkdirSync(directory);
  const outfile = join(directory, 'index.mjs');
  const source = (contents: string) => ({
    entryPoints: undefined,
    stdin: { contents, resolveDir: root, sourcefile: 'probe.js', loader: 'js' as const },
  });
  const deployed = await build({
    ...options(join(root, 'entry' in code ? code.entry : 'functions'), outfile),
    ...('contents' in code ? source(code.contents) : {}),
  });
  for (const asset of assetsOf.get(name) ?? [])
    copyFileSync(join(root, asset), join(directory, basename(asset)));
  const probeFile = join(directory, 'probe.mjs');
  await build({ ...options(root, probeFile), ...source(probeContents), metafile: false });
  const samples: Sample[] = [];
  for (let run = 0; run < runs; run += 1) {
    const url = pathToFileURL(probeFile).href;
    const child = timedNode([...functionNodeOptions.split(' '), '--input-type=module', '-e', probe, url]);
    samples.push({ ...(JSON.parse(child.stdout) as Omit<Sample, 'wallMs'>), wallMs: child.ms });
  }
  const row: Row = {
    name,
    bytes: statSync(outfile).size,
    importMs: median(samples.map((sample) => sample.importMs)),
    initMs: median(samples.map((sample) => sample.importMs + sample.builtMs)),
    readyMs: median(samples.map((sample) => sample.readyMs)),
    wallMs: median(samples.map((sample) => sample.wallMs)),
  };
  return { row, metafile: deployed.metafile, probeBytes: statSync(probeFile).size - row.bytes };
}

/**
 * The floor on this machine: a bundle of one SDK client (DynamoDB, the smallest any function
 * uses) and nothing else, built on its first invocation as the functions build theirs.
 */
const floorModule = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const handler = async () => new DynamoDBClient({}).config.region();
export function firstInvocation() { new DynamoDBClient({}); }`;

let floor: Row | undefined;
try {
  for (const { name, entry } of functionEntries(root)) {
    const parts = firstInvocation[name] ?? [];
    const measured = await measure(name, { entry }, probeEntry(entry, name, parts));
    rows.push(measured.row);
    console.log(`  ${name}: ${largestPackages(measured.metafile, 6)}`);
    console.log(
      `    first invocation builds ${parts.join(', ')} (timed bundle +${measured.probeBytes} bytes)`,
    );
  }
  floor = (await measure('floor', { contents: floorModule }, floorModule)).row;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const fits = (ok: boolean) => (ok ? 'within' : 'OVER');
const sdk = sdkExternal ? '@aws-sdk/* left to the runtime: NOT as deployed' : 'as deployed, AWS SDK bundled';
console.log(
  `\nLambda bundles (esbuild ${sdk}; minified ESM, node22); median of ${runs} fresh node ${process.version} processes each`,
);
console.log(
  `${'function'.padEnd(28)} ${'bytes'.padStart(9)} ${'import ms'.padStart(9)} ${'init ms'.padStart(8)} ${'ready ms'.padStart(8)} ${'wall ms'.padStart(8)}  1 MB    150 ms`,
);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(28)} ${String(row.bytes).padStart(9)} ${row.importMs.toFixed(0).padStart(9)} ${row.initMs.toFixed(0).padStart(8)} ${row.readyMs.toFixed(0).padStart(8)} ${row.wallMs.toFixed(0).padStart(8)}  ${fits(row.bytes <= budget.bytes).padEnd(7)} ${fits(row.initMs <= budget.initMs)}`,
  );
}
console.log(
  `  bytes = index.mjs without its map; import = around import(); init = import + the first invocation's builders (the budgeted figure); ready = process start to init done; wall = the whole process (an empty node process: ${emptyMs.toFixed(0)} ms); ${((performance.now() - began) / 1000).toFixed(0)} s in all`,
);
if (floor)
  console.log(
    `  the floor here, one DynamoDB client and nothing else: ${floor.bytes} bytes, init ${floor.initMs.toFixed(0)} ms (ready ${floor.readyMs.toFixed(0)} ms)`,
  );
const over = rows.filter((row) => row.bytes > budget.bytes || row.initMs > budget.initMs);
console.log(
  over.length === 0
    ? '  every function is within both budgets'
    : `  over a budget: ${over.map((row) => row.name).join(', ')}`,
);
