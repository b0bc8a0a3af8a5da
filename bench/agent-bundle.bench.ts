/**
 * The bot's Lambda bundle against its deploy budgets: ≤ 1 MB minified and ≤ 150 ms cold init.
 * Bundles the bot's entry with esbuild (minified, node22, ESM) twice: everything bundled (how we
 * deploy: our own AWS SDK), and `@aws-sdk/*` left out (Lambda's Node 22 runtime has SDK v3; here
 * it resolves from node_modules). Cold init is the median over fresh `node` processes of the time
 * to import the bundle (process.hrtime around a dynamic import), and of the whole process.
 * Importing is module evaluation only: the handler builds its clients on the first invocation, so
 * nothing here touches the network or a local world. esbuild comes from node_modules, where it is a
 * dependency of tsx and vite, not of this package. `BENCH_RUNS` sets the number of processes (10).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.env.BENCH_RUNS ?? 10);
const budget = { bytes: 1_000_000, initMs: 150 };
const handler = 'functions/wecare-ai-generate-response.ts';
const entry = existsSync(join(root, handler)) ? handler : 'agent/agent-dependencies.ts';
// Lambda sets a region; no instance metadata service here, and no SDK or log noise on stdout.
const childEnvironment = {
  ...process.env,
  AWS_REGION: process.env.AWS_REGION ?? 'ap-south-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  WECARE_LOG_LEVEL: 'SILENT',
};
// The import the probe process times: hrtime around it, and the time since the process started.
const probe = `const started = process.hrtime.bigint();
await import(process.argv[1]);
const importMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ importMs, readyMs: performance.now() }));`;

interface Variant {
  name: string;
  external: string[];
}
const variants: Variant[] = [
  { name: 'AWS SDK bundled (as deployed)', external: [] },
  { name: '@aws-sdk/* external (runtime SDK)', external: ['@aws-sdk/*'] },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timedNode(args: readonly string[]): { ms: number; stdout: string } {
  const began = performance.now();
  const run = spawnSync(process.execPath, args, { env: childEnvironment, encoding: 'utf8', timeout: 20_000 });
  const ms = performance.now() - began;
  if (run.status !== 0) {
    const reason = run.error?.message ?? run.stderr.trim().split('\n').slice(0, 3).join(' | ');
    throw new Error(`node ${args.at(-1)} failed: ${reason}`);
  }
  return { ms, stdout: run.stdout };
}

function largestPackages(metafile: Metafile, count: number): string {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(our code)';
      bytes.set(name, (bytes.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytes]
    .sort((left, right) => right[1] - left[1])
    .slice(0, count)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)} KB`)
    .join(', ');
}

const scratch = mkdtempSync(join(tmpdir(), 'wecare-agent-bundle-'));
const rows: Array<{ name: string; bytes: number; importMs: number; readyMs: number; wallMs: number }> = [];
const emptyMs = median(Array.from({ length: 5 }, () => timedNode(['-e', '']).ms));
try {
  for (const variant of variants) {
    const directory = join(scratch, String(rows.length));
    mkdirSync(directory);
    // Externals resolve from here as Lambda resolves them from /var/runtime/node_modules.
    if (variant.external.length > 0) symlinkSync(join(root, 'node_modules'), join(directory, 'node_modules'));
    const outfile = join(directory, 'bundle.mjs');
    const result = await build({
      entryPoints: [join(root, entry)],
      absWorkingDir: root,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      outfile,
      external: variant.external,
      // Bundled CommonJS (the AWS SDK, Powertools) still calls require for Node built-ins.
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      legalComments: 'none',
      metafile: true,
      logLevel: 'error',
    });
    console.log(`  ${variant.name}: largest ${largestPackages(result.metafile, 6)}`);
    const url = pathToFileURL(outfile).href;
    const imports: Array<{ importMs: number; readyMs: number }> = [];
    const walls: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const child = timedNode(['--input-type=module', '-e', probe, url]);
      imports.push(JSON.parse(child.stdout));
      walls.push(child.ms);
    }
    rows.push({
      name: variant.name,
      bytes: statSync(outfile).size,
      importMs: median(imports.map((sample) => sample.importMs)),
      readyMs: median(imports.map((sample) => sample.readyMs)),
      wallMs: median(walls),
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(
  `\nAgent Lambda bundle: ${entry} (esbuild minified, node22, esm); init = median of ${runs} fresh node ${process.version} processes, import only`,
);
console.log(
  `${'variant'.padEnd(36)} ${'bytes'.padStart(10)} ${'import ms'.padStart(10)} ${'ready ms'.padStart(9)} ${'wall ms'.padStart(8)}`,
);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(36)} ${String(row.bytes).padStart(10)} ${row.importMs.toFixed(0).padStart(10)} ${row.readyMs.toFixed(0).padStart(9)} ${row.wallMs.toFixed(0).padStart(8)}`,
  );
}
console.log(
  `  import = hrtime around import(); ready = process start to imported; wall = the whole process, start to exit (an empty node process: ${emptyMs.toFixed(0)} ms)`,
);
const deployed = rows[0];
if (deployed) {
  const fits = (ok: boolean) => (ok ? 'within' : 'OVER');
  console.log(
    `  as deployed: ${(deployed.bytes / 1e6).toFixed(2)} MB (${fits(deployed.bytes <= budget.bytes)} the ${budget.bytes / 1e6} MB budget), import ${deployed.importMs.toFixed(0)} ms (${fits(deployed.importMs <= budget.initMs)} the ${budget.initMs} ms budget)`,
  );
}
