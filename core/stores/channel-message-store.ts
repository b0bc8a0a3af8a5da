import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SentBy } from './outbound-message-store.ts';

/** An SMS or email the platform sent, keyed by the provider's message id. */
export interface ChannelMessageRecord {
  id: string;
  channel: 'sms' | 'email';
  /** E.164 number or email address (the `by-recipient` index). */
  recipient: string;
  subject: string | null;
  body: string;
  sentBy: SentBy;
  idempotencyKey: string;
  sentAt: string;
  atMs: number;
  status: 'accepted';
}

/** ChannelMessagesTable: one item per message the provider accepted, written once. */
export class ChannelMessageStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records a message sent; true the first time (a retried record of the same send is false). */
  async record(record: ChannelMessageRecord): Promise<boolean> {
    // Keyed by the provider's id, so a repeated write after a retry lands on the same item.
    const written = await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: record, ReturnValues: 'ALL_OLD' }),
    );
    return written.Attributes === undefined;
  }
}
