import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const fixtures = join(import.meta.dirname, 'fixtures');

/** The CLI as a user runs it; stdout must be exactly one JSON object whatever happens. */
async function parseCli(file: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [
      '--import',
      'tsx',
      'channels/whatsapp/inbound/parse-cli.ts',
      file,
    ]);
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('whatsapp:parse CLI', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'wecare-cli-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('prints the records of a valid event and exits 0', async () => {
    const result = await parseCli(join(fixtures, 'valid', 'several-records-both-numbers.json'));
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const output = JSON.parse(result.stdout) as {
      records: Array<{ phoneNumberId: string; messages: Array<{ profileName: string }> }>;
    };
    expect(output.records.map((record) => [record.phoneNumberId, record.messages[0]?.profileName])).toEqual([
      ['831049713436137', 'Priya Sharma'],
      ['888782840987368', 'সুমিতা দাস'],
    ]);
  });

  it('prints one error object and exits 1 for an invalid event, with no stack trace', async () => {
    const result = await parseCli(
      join(fixtures, 'invalid', 'envelope--unknown-account--another-account.json'),
    );
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'unknown-account',
        stage: 'envelope',
        message: "envelope.aws_account_id is not the business's AWS account",
        recordIndex: 0,
      },
    });
    expect(result.stdout + result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('refuses a 6 MB file without reading it, and a missing file, the same way', async () => {
    const huge = join(scratch, 'huge.json');
    await writeFile(huge, Buffer.alloc(6 * 1024 * 1024, 32));
    const tooLarge = await parseCli(huge);
    expect(tooLarge.exitCode).toBe(1);
    expect(JSON.parse(tooLarge.stdout).error).toMatchObject({ code: 'too-large', stage: 'event' });
    const missing = await parseCli(join(scratch, 'missing.json'));
    expect(missing.exitCode).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'file-unreadable', stage: 'event' });
  });
});
