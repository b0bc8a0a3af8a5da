import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda function is bundled: the one set of esbuild options, given to CDK's
 * `NodejsFunction` as `bundling` and to `bench/function-bundles.bench.ts` as esbuild's own options,
 * so the benchmark measures exactly what deploys (minified ESM for Node.js 22, a linked source map).
 *
 * The AWS SDK v3 is bundled (our lockfile's version), not left to the Node.js 22 runtime's copy.
 * Measured with `npm run bench -- function-bundles` (and `BENCH_SDK=external` for the other way) on
 * the 2-core dev machine, Node 20, while other work ran on it: minified bytes; init = import plus
 * what the first invocation builds, median of 5–7 fresh processes:
 *
 * | AWS SDK               | the 7 functions without the bot | the bot; the DLQ replay (LangChain) |
 * | --------------------- | ------------------------------- | ----------------------------------- |
 * | bundled (this)        | 1.17–1.20 MB, 305–505 ms        | 1.80 MB, 415 ms; 1.83 MB, 540 ms    |
 * | external `@aws-sdk/*` | 0.38–0.41 MB, 710–985 ms        | 1.00 MB, 875 ms; 1.03 MB, 1,005 ms  |
 *
 * External is a third of the bytes but twice the cold start: the runtime's SDK is CommonJS spread
 * over dozens of packages that Node resolves and compiles one by one, where the bundle is one
 * minified ESM file. Bundled also runs the SDK the tests ran against, whatever release the runtime
 * carries (`@aws-sdk/client-socialmessaging`, the Bedrock clients, `@aws-sdk/lib-dynamodb`), with
 * the one copy of `@smithy/*` it was built with. Neither way meets both budgets (≤ 1 MB, ≤ 150 ms):
 * every function bundles every SDK client of the platform, because core/aws/aws-clients.ts and the
 * composition root reference them all (with only its own clients, a function without the bot
 * would be 0.72–0.95 MB).
 */
const projectRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** Left to the Lambda runtime instead of bundled: nothing (see above). */
export const externalModules: readonly string[] = [];

const target = 'node22';
/**
 * ESM builds first: the SDK and Smithy ship `module` builds that tree-shake (esbuild's default for
 * Node, `main` first, takes their CommonJS: the bot is 2.31 MB that way, 1.80 MB this way).
 */
const mainFields = ['module', 'main'];
/** Bundled CommonJS (X-Ray's SDK under Powertools Tracer, for one) still calls `require` for Node built-ins. */
const banner =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";
/** Licence notices go to `index.mjs.LEGAL.txt` beside the bundle: kept in the asset, not parsed at init. */
const legalComments = 'external';

/**
 * The `NODE_OPTIONS` every function runs with: stack traces through the source map. Node reads the
 * map when it loads the bundle, so the map carries no sources (2 MB instead of 5.3 MB: ~50 ms
 * instead of ~80 ms added to init here).
 */
export const functionNodeOptions = '--enable-source-maps';

/** The `bundling` prop of every `NodejsFunction`. */
export const functionBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields,
  banner,
  externalModules: [...externalModules],
  esbuildArgs: { '--legal-comments': legalComments },
};

/** The same options for esbuild's API (what CDK passes on its command line), for one entry. */
export function functionBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields,
    banner: { js: banner },
    external: [...externalModules],
    legalComments,
    logLevel: 'error',
  };
}

export interface FunctionEntry {
  /** The Lambda function's name, e.g. `wecare-inbound-whatsapp`. */
  name: string;
  /** The handler module (it exports `handler`), relative to the project root. */
  entry: string;
}

/** Every function: each `functions/wecare-*.ts` that is not a test, by name. */
export function functionEntries(root: string = projectRoot): FunctionEntry[] {
  return readdirSync(join(root, 'functions'))
    .filter((file) => /^wecare-[a-z0-9-]+\.ts$/.test(file) && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.ts'.length), entry: `functions/${file}` }));
}
