import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from './invoice-store.ts';

/** A conversation's invoices, newest first (InvoiceTable's `by-conversation` index). */
export async function conversationInvoices(
  documents: DynamoDBDocumentClient,
  tableName: string,
  conversationId: string,
  limit = 20,
): Promise<Invoice[]> {
  const found = await documents.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'by-conversation',
      KeyConditionExpression: 'conversationId = :conversation',
      ExpressionAttributeValues: { ':conversation': conversationId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (found.Items ?? []) as Invoice[];
}
