import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conversation, conversationIdOf } from './conversation.ts';

export interface InboundTouch {
  businessPhoneNumberId: string;
  customerWaId: string;
  profileName: string | null;
  wamid: string;
  at: string;
  atMs: number;
}

/**
 * Conversations in DynamoDB. Every write is a single-item update whose condition makes it safe to
 * repeat and to receive out of order.
 */
export class ConversationStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Conversation | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    return found.Item ? Conversation.parse(found.Item) : undefined;
  }

  /**
   * Creates the conversation on the customer's first message (owned by the bot) and moves its
   * 24-hour window forward. An older message delivered late never moves the window back: the
   * condition refuses it and the conversation is returned as it is.
   */
  async recordInbound(touch: InboundTouch): Promise<Conversation> {
    const id = conversationIdOf(touch.businessPhoneNumberId, touch.customerWaId);
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: [
            'SET businessPhoneNumberId = :phone, customerWaId = :customer',
            'createdAt = if_not_exists(createdAt, :now)',
            '#state = if_not_exists(#state, :bot)',
            'version = if_not_exists(version, :zero)',
            'lastInboundAt = :at, lastInboundAtMs = :atMs, lastInboundWamid = :wamid, lastActivityAtMs = :atMs',
            ...(touch.profileName ? ['customerProfileName = :name'] : []),
          ].join(', '),
          ConditionExpression: 'attribute_not_exists(lastInboundAtMs) OR lastInboundAtMs <= :atMs',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':phone': touch.businessPhoneNumberId,
            ':customer': touch.customerWaId,
            ':now': new Date().toISOString(),
            ':bot': 'bot',
            ':zero': 0,
            ':at': touch.at,
            ':atMs': touch.atMs,
            ':wamid': touch.wamid,
            ...(touch.profileName ? { ':name': touch.profileName } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Conversation.parse(updated.Attributes);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(id);
      if (!current) throw error;
      return current;
    }
  }

  /**
   * Notes a message sent to the customer: creates the conversation if a template opened it, and
   * moves its last activity forward (never back).
   */
  async recordOutbound(input: {
    businessPhoneNumberId: string;
    customerWaId: string;
    at: string;
    atMs: number;
  }): Promise<void> {
    const id = conversationIdOf(input.businessPhoneNumberId, input.customerWaId);
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression: [
          'SET businessPhoneNumberId = :phone, customerWaId = :customer',
          'createdAt = if_not_exists(createdAt, :at)',
          '#state = if_not_exists(#state, :bot)',
          'version = if_not_exists(version, :zero)',
          'lastOutboundAt = :at, lastActivityAtMs = if_not_exists(lastActivityAtMs, :atMs)',
        ].join(', '),
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':phone': input.businessPhoneNumberId,
          ':customer': input.customerWaId,
          ':at': input.at,
          ':atMs': input.atMs,
          ':bot': 'bot',
          ':zero': 0,
        },
      }),
    );
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET lastActivityAtMs = :atMs',
          ConditionExpression: 'lastActivityAtMs < :atMs',
          ExpressionAttributeValues: { ':atMs': input.atMs },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Notes that the customer's latest message waits for an answer (the agent or a human clears it). */
  async markAwaitingReply(id: string, since: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression:
          'SET awaitingReply = :yes, awaitingReplySince = if_not_exists(awaitingReplySince, :since)',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':yes': true, ':since': since },
      }),
    );
  }
}
