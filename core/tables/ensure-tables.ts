import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { IndexDefinition, KeyAttribute, TableDefinition } from './table-definitions.ts';

export interface EnsuredTable {
  name: string;
  created: boolean;
  indexesAdded: string[];
  /** `unsupported` when the DynamoDB engine has no TTL (dynalite); AWS and DynamoDB Local have it. */
  timeToLive: 'enabled' | 'unsupported' | 'none';
}

/**
 * Creates each table that is missing and adds any index or TTL that a table lacks, so a data
 * directory from an older version catches up. Safe to run on every start.
 */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: readonly TableDefinition[],
  addIndexes: AddIndexes = addIndexesInPlace,
): Promise<EnsuredTable[]> {
  return Promise.all(definitions.map((definition) => ensureTable(client, definition, addIndexes)));
}

async function ensureTable(
  client: DynamoDBClient,
  definition: TableDefinition,
  addIndexes: AddIndexes,
): Promise<EnsuredTable> {
  const existing = await describe(client, definition.name);
  const created = existing === undefined;
  const indexesAdded: string[] = [];
  if (created) {
    await client.send(new CreateTableCommand(createTableInput(definition)));
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: definition.name });
  } else {
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = definition.indexes.filter((candidate) => !present.has(candidate.name));
    if (missing.length > 0) {
      await addIndexes(client, definition, missing);
      indexesAdded.push(...missing.map((index) => index.name));
    }
  }
  const timeToLive = definition.timeToLiveAttribute
    ? await ensureTimeToLive(client, definition.name, definition.timeToLiveAttribute)
    : 'none';
  return { name: definition.name, created, indexesAdded, timeToLive };
}

/**
 * Adds indexes to an existing table. The default asks DynamoDB to build each one (one index creation
 * per UpdateTable call, as DynamoDB requires); an engine that cannot (dynalite) supplies its own.
 */
export type AddIndexes = (
  client: DynamoDBClient,
  definition: TableDefinition,
  missing: readonly IndexDefinition[],
) => Promise<void>;

export const addIndexesInPlace: AddIndexes = async (client, definition, missing) => {
  for (const index of missing) {
    await client.send(
      new UpdateTableCommand({
        TableName: definition.name,
        AttributeDefinitions: attributeDefinitions([definition.partitionKey, ...indexKeys(index)]),
        GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(index) }],
      }),
    );
    await waitForIndex(client, definition.name, index.name);
  }
};

/** A new index is built in the background; queries on it fail until it is ACTIVE. */
async function waitForIndex(
  client: DynamoDBClient,
  tableName: string,
  indexName: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const table = await describe(client, tableName);
    const index = table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === indexName);
    if (index?.IndexStatus === 'ACTIVE' && table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Index ${indexName} of ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
}

export function createTableInput(definition: TableDefinition) {
  const keys = [definition.partitionKey, ...definition.indexes.flatMap(indexKeys)];
  return {
    TableName: definition.name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions(keys),
    KeySchema: [{ AttributeName: definition.partitionKey.name, KeyType: 'HASH' as const }],
    ...(definition.indexes.length > 0
      ? { GlobalSecondaryIndexes: definition.indexes.map(globalSecondaryIndex) }
      : {}),
  };
}

async function ensureTimeToLive(client: DynamoDBClient, tableName: string, attribute: string) {
  try {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return 'enabled' as const;
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
    return 'enabled' as const;
  } catch (error) {
    // dynalite answers UpdateTimeToLive with UnknownOperationException: items then never expire locally.
    if (error instanceof Error && error.name === 'UnknownOperationException') return 'unsupported' as const;
    throw error;
  }
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function indexKeys(index: IndexDefinition): KeyAttribute[] {
  return index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey];
}

function globalSecondaryIndex(index: IndexDefinition): GlobalSecondaryIndex {
  const keySchema: KeySchemaElement[] = [{ AttributeName: index.partitionKey.name, KeyType: 'HASH' }];
  if (index.sortKey) keySchema.push({ AttributeName: index.sortKey.name, KeyType: 'RANGE' });
  return { IndexName: index.name, KeySchema: keySchema, Projection: { ProjectionType: 'ALL' } };
}

function attributeDefinitions(keys: readonly KeyAttribute[]): AttributeDefinition[] {
  const byName = new Map<string, KeyAttribute>();
  for (const key of keys) {
    const known = byName.get(key.name);
    if (known && known.type !== key.type)
      throw new Error(`Attribute ${key.name} is declared both ${known.type} and ${key.type}`);
    byName.set(key.name, key);
  }
  return [...byName.values()].map((key) => ({ AttributeName: key.name, AttributeType: key.type }));
}
