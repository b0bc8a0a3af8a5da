import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../test/local-clients.ts';
import { errorResponse } from './error-response.ts';

const config = testConfig();
const { documents } = testClients();

/** An app whose one route hands DynamoDB what the request carried, unchecked, as a slip would. */
function appReadingContact(client = documents, tableName = config.tables.contacts) {
  const app = new Hono();
  app.get('/api/contacts/:id', async (c) => {
    const found = await client.send(new GetCommand({ TableName: tableName, Key: { id: c.req.param('id') } }));
    return c.json({ found: Boolean(found.Item) });
  });
  app.onError((error, c) => errorResponse(error, c));
  return app;
}

describe('errorResponse', () => {
  it('answers 400, not 500, when DynamoDB refuses what the request carried (a key over its 2,048 bytes)', async () => {
    const response = await appReadingContact().request(`/api/contacts/${'k'.repeat(3000)}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('validation');
    // Nothing of the service's own message (it would name the key and its limit) reaches the caller.
    expect(body.message).not.toMatch(/hashkey|2048|dynamodb/i);
    const fine = await appReadingContact().request('/api/contacts/wa-919800000000');
    expect(fine.status).toBe(200);
  });

  it('answers 502 when the fault is on our side: a table that is not there, a service that cannot be reached', async () => {
    const missingTable = await appReadingContact(documents, 'no-such-table').request('/api/contacts/x');
    expect(missingTable.status).toBe(502);
    expect(((await missingTable.json()) as { error: string }).error).toBe('upstream');
    const unreachable = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: config.aws.region,
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    );
    const refused = await appReadingContact(unreachable).request('/api/contacts/x');
    expect(refused.status).toBe(502);
    expect(await refused.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
