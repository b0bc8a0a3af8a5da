import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from './invoice-store.ts';
import { latestOfConversation } from './latest-of-conversation.ts';

/** A conversation's invoices, newest first (InvoiceTable's `by-conversation` index). */
export async function conversationInvoices(
  documents: DynamoDBDocumentClient,
  tableName: string,
  conversationId: string,
  limit = 20,
): Promise<Invoice[]> {
  return (await latestOfConversation(documents, tableName, conversationId, {
    limit,
  })) as unknown as Invoice[];
}
