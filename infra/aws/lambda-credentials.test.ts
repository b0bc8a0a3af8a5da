import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionBuildOptions } from './function-bundling.ts';

const scratch = mkdtempSync(join(tmpdir(), 'wecare-lambda-credentials-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A client built in a bundle made with the functions' own options, asked for its credentials. */
const entry = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: 'us-east-1' });
try {
  const { accessKeyId, secretAccessKey, sessionToken } = await client.config.credentials();
  console.log(JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }));
} catch (error) {
  console.log(JSON.stringify({ failed: error.name }));
}`;

async function bundled() {
  const outfile = join(scratch, 'index.mjs');
  const result = await build({
    ...functionBuildOptions('unused', outfile),
    entryPoints: undefined,
    stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'probe.js', loader: 'js' },
    metafile: true,
  });
  return { outfile, inputs: Object.keys(result.metafile?.inputs ?? {}) };
}

function run(outfile: string, environment: Record<string, string>) {
  // Nothing of this machine's own AWS set-up reaches the bundle: only what Lambda would set.
  const child = spawnSync(process.execPath, [outfile], {
    env: { PATH: process.env.PATH ?? '', HOME: scratch, ...environment },
    encoding: 'utf8',
  });
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, string>;
}

describe("the Lambda bundles' credentials", () => {
  it('come from the environment Lambda sets, with the rest of the default chain left out of the bundle', async () => {
    const { outfile, inputs } = await bundled();
    expect(inputs.some((input) => input.includes('credential-provider-node'))).toBe(false);
    expect(inputs.some((input) => input.includes('credential-provider-sso'))).toBe(false);
    expect(inputs).toContain('infra/aws/lambda-credentials.ts');
    expect(readFileSync(outfile, 'utf8')).not.toContain('fromSSO');

    const role = {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEROLEKEY01',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE',
    };
    expect(run(outfile, role)).toEqual({
      accessKeyId: role.AWS_ACCESS_KEY_ID,
      secretAccessKey: role.AWS_SECRET_ACCESS_KEY,
      sessionToken: role.AWS_SESSION_TOKEN,
    });
    // Without them the client fails as the SDK does, instead of looking elsewhere.
    expect(run(outfile, {})).toEqual({ failed: 'CredentialsProviderError' });
  });
});
