import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Where a media message's file is: pending until GetWhatsAppMessageMedia copies it to S3. */
export type MediaRecord =
  | { status: 'pending'; attempts: number }
  | {
      status: 'stored';
      bucket: string;
      key: string;
      mimeType: string;
      sizeBytes: number;
      storedAt: string;
      attempts: number;
    }
  | { status: 'failed'; attempts: number; lastError: string; failedAt: string };

export type ReplyState = 'awaiting-reply' | 'none-needed';

/** An inbound message as stored: the parsed facts plus where it came from and what became of it. */
export interface StoredInboundMessage {
  id: string;
  conversationId: string;
  atMs: number;
  timestamp: string;
  timestampUnix: string;
  from: string;
  profileName: string | null;
  type: string;
  payload: unknown;
  context: unknown;
  referral: unknown;
  phoneNumberId: string;
  wabaId: string;
  snsMessageId: string;
  envelopeMessageId: string | null;
  receivedAt: string;
  replyState: ReplyState;
  media?: MediaRecord;
}

/** WhatsAppInboundTable: one item per wamid, written once. */
export class InboundMessageStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Stores the message unless it is already there (a redelivery): `stored` or `duplicate`, never twice. */
  async storeOnce(message: StoredInboundMessage): Promise<'stored' | 'duplicate'> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: message,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return 'stored';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async get(wamid: string): Promise<StoredInboundMessage | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { id: wamid }, ConsistentRead: true }),
    );
    return found.Item as StoredInboundMessage | undefined;
  }

  async setMedia(wamid: string, media: MediaRecord): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: wamid },
        UpdateExpression: 'SET media = :media',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':media': media },
      }),
    );
  }
}
