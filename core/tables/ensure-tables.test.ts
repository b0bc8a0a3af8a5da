import {
  ConditionalCheckFailedException,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { addIndexesFor } from '#infra/local/dynamodb/rebuild-table.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { ensureTables } from './ensure-tables.ts';
import { type TableDefinition, tableDefinitions } from './table-definitions.ts';

const config = testConfig();
const clients = testClients();
const definitions = tableDefinitions(config);
const engine = config.local.dynamoDbEngine;

afterAll(() => clients.dynamoDb.destroy());

describe('table definitions', () => {
  it('cover the eleven seed tables plus conversations, idempotency, channel messages, daily stats and rate limits, all keyed by id', () => {
    expect(definitions.filter((table) => table.origin === 'seed')).toHaveLength(11);
    expect(definitions.filter((table) => table.origin === 'platform').map((table) => table.key)).toEqual([
      'conversations',
      'idempotency',
      'channelMessages',
      'dailyStats',
      'rateLimits',
    ]);
    expect(new Set(definitions.map((table) => table.name)).size).toBe(16);
    for (const table of definitions) expect(table.partitionKey).toEqual({ name: 'id', type: 'S' });
  });

  it('give the audit table a TTL attribute and the access-pattern indexes of DESIGN.md §4', () => {
    const byKey = new Map(definitions.map((table) => [table.key, table]));
    const indexNames = (key: TableDefinition['key']) => byKey.get(key)?.indexes.map((index) => index.name);
    expect(byKey.get('audit')?.timeToLiveAttribute).toBe('expiresAt');
    expect(indexNames('audit')).toEqual(['by-actor', 'by-conversation', 'by-day']);
    expect(indexNames('conversations')).toContain('by-state');
    expect(indexNames('contacts')).toEqual(['by-phone', 'by-name', 'by-email']);
    expect(indexNames('whatsAppOutbound')).toEqual(['by-conversation']);
    expect(indexNames('whatsAppInbound')).toEqual(['by-conversation']);
  });
});

describe(`tables in the local world (${engine})`, () => {
  it('exist with the defined key and indexes', async () => {
    for (const definition of definitions) {
      const { Table } = await clients.dynamoDb.send(new DescribeTableCommand({ TableName: definition.name }));
      expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema?.map((key) => `${key.AttributeName}:${key.KeyType}`),
      }));
      expect(indexes.sort((left, right) => String(left.name).localeCompare(String(right.name)))).toEqual(
        definition.indexes
          .map((index) => ({
            name: index.name,
            keys: [
              `${index.partitionKey.name}:HASH`,
              ...(index.sortKey ? [`${index.sortKey.name}:RANGE`] : []),
            ],
          }))
          .sort((left, right) => left.name.localeCompare(right.name)),
      );
    }
  });

  it('report TTL on the audit table as the engine supports it', async () => {
    const audit = (await ensureTables(clients.dynamoDb, definitions)).find(
      (table) => table.name === config.tables.audit,
    );
    if (engine === 'dynamodb-local') {
      expect(audit?.timeToLive).toBe('enabled');
      const described = await clients.dynamoDb.send(
        new DescribeTimeToLiveCommand({ TableName: config.tables.audit }),
      );
      expect(described.TimeToLiveDescription).toMatchObject({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: 'expiresAt',
      });
    } else {
      // dynalite has no TTL; the report says so instead of pretending.
      expect(audit?.timeToLive).toBe('unsupported');
    }
  });

  it('are created only once: a second run changes nothing', async () => {
    const again = await ensureTables(clients.dynamoDb, definitions);
    expect(again.filter((table) => table.created || table.indexesAdded.length > 0)).toEqual([]);
  });

  it('gain an index that a table from an older version lacks, keeping its items', async () => {
    const name = unique('wecare-upgrade');
    const before: TableDefinition = {
      key: 'docs',
      name,
      origin: 'platform',
      purpose: 'test',
      partitionKey: { name: 'id', type: 'S' },
      indexes: [],
    };
    await ensureTables(clients.dynamoDb, [before]);
    await clients.documents.send(
      new PutCommand({ TableName: name, Item: { id: 'doc-1', ownerId: 'owner-7' } }),
    );
    const after: TableDefinition = {
      ...before,
      indexes: [{ name: 'by-owner', partitionKey: { name: 'ownerId', type: 'S' }, serves: 'test' }],
    };
    const [report] = await ensureTables(clients.dynamoDb, [after], addIndexesFor(engine));
    expect(report?.indexesAdded).toEqual(['by-owner']);
    const found = await clients.documents.send(
      new QueryCommand({
        TableName: name,
        IndexName: 'by-owner',
        KeyConditionExpression: 'ownerId = :owner',
        ExpressionAttributeValues: { ':owner': 'owner-7' },
      }),
    );
    expect(found.Items).toEqual([{ id: 'doc-1', ownerId: 'owner-7' }]);
    await clients.dynamoDb.send(new DeleteTableCommand({ TableName: name }));
  });
});

describe(`the write patterns the platform relies on (${engine})`, () => {
  it('refuse a second insert of the same id (condition attribute_not_exists)', async () => {
    const item = { id: unique('wamid'), conversationId: unique('conv'), atMs: Date.now(), text: 'hello' };
    const insert = () =>
      clients.documents.send(
        new PutCommand({
          TableName: config.tables.whatsAppInbound,
          Item: item,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    await insert();
    await expect(insert()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('refuse a stale version: only one of two writers holding version 1 wins', async () => {
    const id = unique('conversation');
    await clients.documents.send(
      new PutCommand({ TableName: config.tables.conversations, Item: { id, version: 1, state: 'bot' } }),
    );
    const claim = (state: string) =>
      clients.documents.send(
        new UpdateCommand({
          TableName: config.tables.conversations,
          Key: { id },
          UpdateExpression: 'SET #state = :state, version = version + :one',
          ConditionExpression: 'version = :expected',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': state, ':one': 1, ':expected': 1 },
        }),
      );
    const results = await Promise.allSettled([claim('human'), claim('bot-replying')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(
      ConditionalCheckFailedException,
    );
  });

  it("serve a conversation's messages in time order from the index, page by page", async () => {
    const conversationId = unique('conv');
    const start = Date.now();
    for (let index = 0; index < 7; index += 1) {
      await clients.documents.send(
        new PutCommand({
          TableName: config.tables.whatsAppInbound,
          Item: {
            id: unique('wamid'),
            conversationId,
            atMs: start + (7 - index) * 1000,
            text: `message ${7 - index}`,
          },
        }),
      );
    }
    const texts: string[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await clients.documents.send(
        new QueryCommand({
          TableName: config.tables.whatsAppInbound,
          IndexName: 'by-conversation',
          KeyConditionExpression: 'conversationId = :conversation',
          ExpressionAttributeValues: { ':conversation': conversationId },
          Limit: 3,
          ExclusiveStartKey: cursor,
        }),
      );
      texts.push(...(page.Items ?? []).map((item) => String(item.text)));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    expect(texts).toEqual([1, 2, 3, 4, 5, 6, 7].map((index) => `message ${index}`));
  });
});
