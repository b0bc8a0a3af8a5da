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
 * the 2-core dev machine, Node 20: minified bytes; init = import plus what the first invocation
 * builds, median of 5–7 fresh processes (the machine's own noise moves these by a third):
 *
 * | AWS SDK               | the 8 functions without the bot | the bot              |
 * | --------------------- | ------------------------------- | -------------------- |
 * | bundled (this)        | 0.48–0.80 MB, 170–400 ms        | 0.98 MB, 350–470 ms  |
 * | external `@aws-sdk/*` | 0.38–0.41 MB, 710–985 ms        | (measured with LangChain: 1.00 MB, 875 ms) |
 *
 * External is fewer bytes but twice the cold start: the runtime's SDK is CommonJS spread over
 * dozens of packages that Node resolves and compiles one by one, where the bundle is one minified
 * ESM file. Bundled also runs the SDK the tests ran against, whatever release the runtime carries
 * (`@aws-sdk/client-socialmessaging`, the Bedrock clients, `@aws-sdk/lib-dynamodb`), with the one
 * copy of `@smithy/*` it was built with. Every bundle is within 1 MB; none inits within 150 ms on
 * this machine, where one DynamoDB client and nothing else takes 115–140 ms (the bench's floor).
 */
const projectRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/**
 * Modules swapped for a smaller one of ours in every bundle: the SDK's default credential chain
 * for its environment link, the only one Lambda uses (lambda-credentials.ts). A path relative to
 * the project root, where CDK runs esbuild and where the benchmark sets its working directory.
 */
const alias: Record<string, string> = {
  '@aws-sdk/credential-provider-node': './infra/aws/lambda-credentials.ts',
};

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
  esbuildArgs: {
    '--legal-comments': legalComments,
    ...Object.fromEntries(Object.entries(alias).map(([module, path]) => [`--alias:${module}`, path])),
  },
};

/** The same options for esbuild's API (what CDK passes on its command line), for one entry. */
export function functionBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    // Where CDK runs esbuild, and what the alias's path is relative to.
    absWorkingDir: projectRoot,
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
    alias,
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
