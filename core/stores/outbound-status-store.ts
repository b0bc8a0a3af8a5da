import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conversationIdOf } from './conversation.ts';

/**
 * The lifecycle of a sent message. A status only ever moves it forward: read never returns to
 * delivered, and failed (which carries the error codes) is final; deleted comes last.
 * `warning` is advice about a message, not a step of its lifecycle.
 */
const rank = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4, deleted: 5 } as const;
type LifecycleStatus = keyof typeof rank;

export interface StatusEvent {
  wamid: string;
  status: LifecycleStatus | 'warning';
  recipientId: string;
  /** Meta's phone number id of the business number that sent it. */
  phoneNumberId: string;
  wabaId: string;
  timestamp: string;
  timestampUnix: string;
  errorCodes: number[];
  errorTitles: string[];
  /** What each error means for the business (e.g. 131047: the 24-hour window closed), from the channel. */
  errorMeanings?: string[];
  errors: unknown[];
  pricing: unknown;
  conversation: unknown;
  bizOpaqueCallbackData: string | null;
}

export type StatusOutcome = 'applied' | 'stale' | 'warning-recorded';

/**
 * WhatsAppOutboundTable, keyed by wamid. A status for a wamid we have no record of (sent by
 * another system, or arriving before our own record) creates a minimal item rather than being
 * dropped; the sender's record later fills in the rest.
 */
export class OutboundStatusStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async apply(event: StatusEvent): Promise<StatusOutcome> {
    const atMs = Number(event.timestampUnix) * 1000;
    const identity = {
      set: [
        'recipientId = if_not_exists(recipientId, :recipient)',
        'phoneNumberId = if_not_exists(phoneNumberId, :phone)',
        'wabaId = if_not_exists(wabaId, :waba)',
        'conversationId = if_not_exists(conversationId, :conversation)',
        'atMs = if_not_exists(atMs, :atMs)',
        'createdBy = if_not_exists(createdBy, :statusEvent)',
        'updatedAt = :now',
      ],
      values: {
        ':recipient': event.recipientId,
        ':phone': event.phoneNumberId,
        ':waba': event.wabaId,
        ':conversation': conversationIdOf(event.phoneNumberId, event.recipientId),
        ':atMs': atMs,
        ':statusEvent': 'status-event',
        ':now': new Date().toISOString(),
      },
    };
    if (event.status === 'warning') {
      await this.update(event.wamid, [...identity.set, 'lastWarning = :warning'], {
        ...identity.values,
        ':warning': { at: event.timestamp, errorCodes: event.errorCodes, errorTitles: event.errorTitles },
      });
      return 'warning-recorded';
    }
    const statusTime = {
      set: [`#statusAt.#status = if_not_exists(#statusAt.#status, :at)`],
      names: { '#statusAt': 'statusTimes', '#status': event.status },
    };
    try {
      await this.update(
        event.wamid,
        [
          ...identity.set,
          '#lifecycle = :status, statusRank = :rank, statusAt = :at, statusAtMs = :statusAtMs',
          'statusTimes = if_not_exists(statusTimes, :noTimes)',
          ...(event.pricing ? ['pricing = :pricing'] : []),
          ...(event.conversation ? ['whatsAppConversation = :whatsAppConversation'] : []),
          ...(event.bizOpaqueCallbackData ? ['bizOpaqueCallbackData = :opaque'] : []),
          ...(event.status === 'failed'
            ? ['errorCodes = :codes, errorTitles = :titles, #errors = :errors, errorMeanings = :meanings']
            : []),
        ],
        {
          ...identity.values,
          ':status': event.status,
          ':rank': rank[event.status],
          ':at': event.timestamp,
          ':statusAtMs': atMs,
          ':noTimes': {},
          ...(event.pricing ? { ':pricing': event.pricing } : {}),
          ...(event.conversation ? { ':whatsAppConversation': event.conversation } : {}),
          ...(event.bizOpaqueCallbackData ? { ':opaque': event.bizOpaqueCallbackData } : {}),
          ...(event.status === 'failed'
            ? {
                ':codes': event.errorCodes,
                ':titles': event.errorTitles,
                ':errors': event.errors,
                ':meanings': event.errorMeanings ?? [],
              }
            : {}),
        },
        { '#lifecycle': 'status', ...(event.status === 'failed' ? { '#errors': 'errors' } : {}) },
        'attribute_not_exists(statusRank) OR statusRank < :rank',
      );
      await this.update(event.wamid, statusTime.set, { ':at': event.timestamp }, statusTime.names);
      return 'applied';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Arrived after a later status: the lifecycle stays, but when it happened is still worth keeping.
      await this.update(event.wamid, ['statusTimes = if_not_exists(statusTimes, :noTimes)'], {
        ':noTimes': {},
      });
      await this.update(event.wamid, statusTime.set, { ':at': event.timestamp }, statusTime.names);
      return 'stale';
    }
  }

  private async update(
    wamid: string,
    set: readonly string[],
    values: Record<string, unknown>,
    names?: Record<string, string>,
    condition?: string,
  ): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id: wamid },
        UpdateExpression: `SET ${set.join(', ')}`,
        ExpressionAttributeValues: values,
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ...(condition ? { ConditionExpression: condition } : {}),
      }),
    );
  }
}
