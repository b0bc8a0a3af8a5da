import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Conversation } from './conversation.ts';
import { latestOfConversation } from './latest-of-conversation.ts';

export interface Turn {
  role: 'customer' | 'business';
  wamid: string;
  text: string;
  atMs: number;
  /** The id of the reply button or list row the customer chose. */
  choiceId?: string;
}

/**
 * A conversation's recent messages in time order, from the inbound and outbound tables'
 * by-conversation indexes, as text the agent can read (media, locations and replies described).
 */
/**
 * The recent turns as the conversation item keeps them (see TranscriptTurn): deduplicated (a
 * redelivery may append a message twice), in time order, since `sinceMs`, the last `limit`.
 * Undefined for a conversation that has no transcript yet (one from before it was kept).
 */
export function turnsFromTranscript(
  conversation: Pick<Conversation, 'recentTurns'>,
  options: { limit?: number; sinceMs?: number } = {},
): Turn[] | undefined {
  if (!conversation.recentTurns) return undefined;
  const byWamid = new Map<string, Turn>();
  for (const turn of conversation.recentTurns) byWamid.set(turn.wamid, turn);
  return [...byWamid.values()]
    .filter((turn) => turn.text && (options.sinceMs === undefined || turn.atMs >= options.sinceMs))
    .sort((left, right) => left.atMs - right.atMs)
    .slice(-(options.limit ?? 20));
}

export class ConversationHistory {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: { inbound: string; outbound: string },
  ) {}

  async recent(conversationId: string, options: { limit?: number; sinceMs?: number } = {}): Promise<Turn[]> {
    const limit = options.limit ?? 20;
    const [inbound, outbound] = await Promise.all([
      this.latest(this.tables.inbound, conversationId, limit),
      this.latest(this.tables.outbound, conversationId, limit),
    ]);
    const turns = [
      ...inbound.map((item) => ({
        role: 'customer' as const,
        wamid: String(item.id),
        text: describeInbound(item),
        atMs: inboundOrderMs(item),
        ...choiceOf(item),
      })),
      ...outbound
        .filter((item) => item.content)
        .map((item) => ({
          role: 'business' as const,
          wamid: String(item.id),
          text: describeOutbound(item),
          atMs: Number(item.atMs),
        })),
    ];
    return turns
      .filter((turn) => turn.text && (options.sinceMs === undefined || turn.atMs >= options.sinceMs))
      .sort((left, right) => left.atMs - right.atMs)
      .slice(-limit);
  }

  private async latest(
    tableName: string,
    conversationId: string,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    return latestOfConversation(this.documents, tableName, conversationId, { limit });
  }
}

/**
 * Meta stamps a message in whole seconds, ours in milliseconds: a customer's "yes" to a reply sent
 * in the same second would sort before it. When we received it (ms) places it within its second.
 */
export function inboundOrderMs(item: Record<string, unknown>): number {
  const atMs = Number(item.atMs);
  const receivedMs = Date.parse(String(item.receivedAt ?? ''));
  return Number.isNaN(receivedMs) ? atMs : Math.max(atMs, Math.min(receivedMs, atMs + 999));
}

/** What the bot reads of a customer's message (media, locations and replies described). */
export function describeInbound(item: Record<string, unknown>): string {
  const payload = (item.payload ?? {}) as Record<string, unknown>;
  switch (item.type) {
    case 'text':
      return String(payload.body ?? '');
    case 'interactive': {
      const reply = (payload.buttonReply ?? payload.listReply ?? {}) as { title?: string };
      return reply.title ? `[chose: ${reply.title}]` : '[interactive reply]';
    }
    case 'button':
      return `[tapped: ${String(payload.text ?? '')}]`;
    case 'location':
      return `[shared a location: ${String(payload.name ?? `${String(payload.latitude)}, ${String(payload.longitude)}`)}]`;
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return `[sent ${String(item.type)}${payload.caption ? `: ${String(payload.caption)}` : payload.filename ? `: ${String(payload.filename)}` : ''}]`;
    case 'contacts':
      return '[shared a contact card]';
    case 'order':
      return '[placed an order from the catalog]';
    default:
      return '';
  }
}

/** The id of the reply button or list row an interactive reply chose, as a turn carries it. */
export function choiceOf(item: Record<string, unknown>): { choiceId?: string } {
  if (item.type !== 'interactive') return {};
  const payload = (item.payload ?? {}) as Record<string, unknown>;
  const reply = (payload.buttonReply ?? payload.listReply ?? {}) as { id?: unknown };
  return typeof reply.id === 'string' && reply.id !== '' ? { choiceId: reply.id.slice(0, 256) } : {};
}

/** What the bot reads of a message the business sent. */
export function describeOutbound(item: Record<string, unknown>): string {
  const content = (item.content ?? {}) as Record<string, unknown>;
  if (content.type === 'text') return String(content.body ?? '');
  if (content.type === 'template') return `[template ${String(content.name ?? '')}]`;
  if (content.type === 'buttons' || content.type === 'list') return String(content.body ?? '');
  // A file: its name and caption, as the customer sees them (the bot knows what it was sent).
  const about = [content.filename, content.caption]
    .filter((part) => typeof part === 'string' && part)
    .join(': ');
  return `[${String(content.type ?? 'message')}${about ? ` ${about}` : ''}]`;
}
