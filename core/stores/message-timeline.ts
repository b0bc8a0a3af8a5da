import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { choiceOf, describeInbound, describeOutbound, inboundOrderMs } from './conversation-history.ts';
import { latestOfConversation } from './latest-of-conversation.ts';
import type { SentBy } from './outbound-message-store.ts';

/** How far a sent message got: the ticks a person sees (failed carries WhatsApp's reasons). */
export type MessageStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'deleted';

/**
 * One message as the console shows it: who wrote it, what it says, and for ours how far it got,
 * why it failed, and who sent it (the bot with the passages its answer rests on, an agent, the system).
 */
export interface TimelineMessage {
  wamid: string;
  direction: 'in' | 'out';
  atMs: number;
  text: string;
  type: string;
  /** Ours only. */
  status?: MessageStatus;
  failure?: { codes: number[]; titles: string[]; meanings: string[] };
  sentBy?: SentBy;
  /** The customer message this one answers (ours) or the choice it made (theirs). */
  replyTo?: string | null;
  answers?: string[];
  choiceId?: string;
}

/** A sent message's record (WhatsAppOutboundTable), as the sender and the status updates left it. */
export interface SentMessage extends TimelineMessage {
  conversationId: string;
}

/**
 * A conversation's messages in time order, read from the inbound and outbound tables'
 * `by-conversation` indexes (newest `limit` of each, merged), with the outbound statuses.
 */
export class MessageTimeline {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: { inbound: string; outbound: string },
  ) {}

  async recent(conversationId: string, limit = 50): Promise<TimelineMessage[]> {
    const [inbound, outbound] = await Promise.all([
      this.latest(this.tables.inbound, conversationId, limit),
      this.latest(this.tables.outbound, conversationId, limit),
    ]);
    const messages = [
      ...inbound.map(inboundMessage),
      // A status may create an item before (or instead of) our record: without content it shows as a bare message.
      ...outbound.map(outboundMessage),
    ];
    return messages.sort((left, right) => left.atMs - right.atMs).slice(-limit);
  }

  /** One message we sent, by its wamid; undefined if we have no record of it. */
  async sent(wamid: string): Promise<SentMessage | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tables.outbound, Key: { id: wamid }, ConsistentRead: true }),
    );
    if (!found.Item) return undefined;
    return { ...outboundMessage(found.Item), conversationId: String(found.Item.conversationId ?? '') };
  }

  private async latest(
    tableName: string,
    conversationId: string,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return latestOfConversation(this.documents, tableName, conversationId, { limit });
  }
}

function inboundMessage(item: Record<string, unknown>): TimelineMessage {
  return {
    wamid: String(item.id),
    direction: 'in',
    atMs: inboundOrderMs(item),
    text: describeInbound(item) || `[${String(item.type ?? 'message')}]`,
    type: String(item.type ?? 'unknown'),
    ...choiceOf(item),
  };
}

function outboundMessage(item: Record<string, unknown>): TimelineMessage {
  const status = String(item.status ?? 'accepted') as MessageStatus;
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return {
    wamid: String(item.id),
    direction: 'out',
    atMs: Number(item.atMs ?? 0),
    text: item.content ? describeOutbound(item) : '[message]',
    type: String(item.type ?? 'unknown'),
    status,
    ...(status === 'failed'
      ? {
          failure: {
            codes: Array.isArray(item.errorCodes) ? item.errorCodes.map(Number) : [],
            titles: strings(item.errorTitles),
            meanings: strings(item.errorMeanings),
          },
        }
      : {}),
    ...(item.sentBy ? { sentBy: item.sentBy as SentBy } : {}),
    replyTo: typeof item.replyTo === 'string' ? item.replyTo : null,
    ...(Array.isArray(item.answers) ? { answers: strings(item.answers) } : {}),
  };
}
