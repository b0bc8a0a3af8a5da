import {
  CreateTableCommand,
  DeleteTableCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type AddIndexes, createTableInput } from '#core/tables/ensure-tables.ts';

/**
 * dynalite cannot add an index to an existing table (its UpdateTable only changes throughput), so a
 * local data directory from an older version is upgraded by copying the table's items out,
 * recreating it from the current definition, and writing them back. Local data only; in AWS the
 * indexes are added in place.
 */
export const rebuildTableWithIndexes: AddIndexes = async (client, definition) => {
  const documents = DynamoDBDocumentClient.from(client);
  const items = await scanAll(documents, definition.name);
  await client.send(new DeleteTableCommand({ TableName: definition.name }));
  await waitUntilTableNotExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: definition.name });
  await client.send(new CreateTableCommand(createTableInput(definition)));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: definition.name });
  for (let start = 0; start < items.length; start += 25) {
    let pending: Record<string, unknown>[] = items.slice(start, start + 25);
    while (pending.length > 0) {
      const written = await documents.send(
        new BatchWriteCommand({
          RequestItems: { [definition.name]: pending.map((item) => ({ PutRequest: { Item: item } })) },
        }),
      );
      pending = (written.UnprocessedItems?.[definition.name] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [request.PutRequest.Item] : [],
      );
    }
  }
};

async function scanAll(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: cursor }));
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}

/** How the local world adds indexes for its DynamoDB engine. */
export function addIndexesFor(engine: 'dynalite' | 'dynamodb-local'): AddIndexes | undefined {
  return engine === 'dynalite' ? rebuildTableWithIndexes : undefined;
}
