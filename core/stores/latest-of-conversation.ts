import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * A conversation's items in a table with a `by-conversation` index (messages in and out, invoices,
 * audit entries), newest first, at most `limit`: the one query every per-conversation read makes.
 */
export async function latestOfConversation(
  documents: DynamoDBDocumentClient,
  tableName: string,
  conversationId: string,
  options: { limit: number; projection?: string },
): Promise<Record<string, unknown>[]> {
  const found = await documents.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'by-conversation',
      KeyConditionExpression: 'conversationId = :conversation',
      ExpressionAttributeValues: { ':conversation': conversationId },
      ...(options.projection ? { ProjectionExpression: options.projection } : {}),
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  return found.Items ?? [];
}
