/**
 * Baseline for the local DynamoDB stand-in through the real SDK: PutItem (sequential and 16 in
 * flight), GetItem and the by-conversation GSI Query of the inbound table, the access pattern
 * every conversation view uses. `--engine dynamodb-local` measures AWS's DynamoDB Local instead.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';
import { measure, printMeasurements } from './measure.ts';

const engine =
  process.argv.includes('--engine=dynamodb-local') || process.argv.includes('dynamodb-local')
    ? 'dynamodb-local'
    : 'dynalite';
const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local', WECARE_LOCAL_DYNAMODB_ENGINE: engine }),
  persistent: false,
  ephemeralPorts: true,
});
const { documents, dynamoDb } = createAwsClients(world.config);
const table = world.config.tables.whatsAppInbound;
const conversations = 50;
const item = (index: number) => ({
  id: `wamid.bench-${index}`,
  conversationId: `conversation-${index % conversations}`,
  atMs: 1_760_000_000_000 + index,
  type: 'text',
  text: 'नमस्ते, I would like to know the price of the annual plan.',
});

/** The newest 20 messages of a conversation: what every conversation view asks for. */
const latestOfConversation = (index: number) =>
  documents.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'by-conversation',
      KeyConditionExpression: 'conversationId = :conversation',
      ExpressionAttributeValues: { ':conversation': `conversation-${index % conversations}` },
      ScanIndexForward: false,
      Limit: 20,
    }),
  );

try {
  const rows = [
    await measure('PutItem, sequential', 2000, 1, (index) =>
      documents.send(new PutCommand({ TableName: table, Item: item(index) })),
    ),
    await measure('PutItem, 16 in flight', 4000, 16, (index) =>
      documents.send(new PutCommand({ TableName: table, Item: item(10_000 + index) })),
    ),
    await measure('PutItem if not exists (conditional), 16 in flight', 2000, 16, (index) =>
      documents.send(
        new PutCommand({
          TableName: table,
          Item: item(20_000 + index),
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    ),
    await measure('GetItem, sequential', 2000, 1, (index) =>
      documents.send(new GetCommand({ TableName: table, Key: { id: item(index).id } })),
    ),
    await measure('GSI Query by-conversation (Limit 20), sequential', 2000, 1, latestOfConversation),
    await measure('GSI Query by-conversation (Limit 20), 16 in flight', 2000, 16, latestOfConversation),
  ];
  printMeasurements(`DynamoDB stand-in (${engine}, in memory) through @aws-sdk/lib-dynamodb`, rows);
} finally {
  dynamoDb.destroy();
  await world.stop();
}
