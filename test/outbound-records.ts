import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';

/** What the business sent in a conversation, oldest first: each message's text, when, and which customer messages it answers. */
export async function outboundRecordsOf(
  config: Config,
  clients: AwsClients,
  conversationId: string,
): Promise<Array<{ text: string; atMs: number; answers: string[] }>> {
  const found = await clients.documents.send(
    new QueryCommand({
      TableName: config.tables.whatsAppOutbound,
      IndexName: 'by-conversation',
      KeyConditionExpression: 'conversationId = :id',
      ExpressionAttributeValues: { ':id': conversationId },
    }),
  );
  return (found.Items ?? [])
    .map((item) => ({
      text: String((item.content as { body?: string } | undefined)?.body ?? ''),
      atMs: Number(item.atMs),
      answers: (item.answers as string[] | undefined) ?? [],
    }))
    .sort((left, right) => left.atMs - right.atMs);
}
