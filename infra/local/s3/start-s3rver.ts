import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { localCredentials } from '#core/aws/aws-clients.ts';
import { superviseChild } from '../child-service.ts';
import { freePort } from '../free-port.ts';
import type { RunningService } from '../running-service.ts';

/**
 * s3rver: an S3-compatible server storing objects as files under `directory`. It runs as a child
 * process because it needs `--openssl-legacy-provider` (its list pagination tokens use DES), a flag
 * this process should not have to carry.
 */
export async function startS3rver(options: { port: number; directory: string }): Promise<RunningService> {
  const port = options.port || (await freePort());
  const directory = resolve(options.directory);
  await mkdir(directory, { recursive: true });
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('s3rver/package.json')),
    'bin',
    's3rver.js',
  );
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      cli,
      '--directory',
      directory,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--silent',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new S3Client({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });
  try {
    return await superviseChild({
      name: 'S3 (s3rver)',
      endpoint,
      child,
      exitReason: (code) => `s3rver exited with code ${code}: ${stderr.trim()}`,
      ready: () => probe.send(new ListBucketsCommand({})),
    });
  } finally {
    probe.destroy();
  }
}
