import type { BusinessDirectory } from '#channels/whatsapp/business-directory.ts';
import type { Conversation, ConversationState } from '#core/stores/conversation.ts';

/** WhatsApp's customer service window: free-form messages until 24 hours after the customer's last one. */
export const windowMs = 24 * 60 * 60 * 1000;

/** A conversation as a line of the inbox. */
export interface InboxItem {
  id: string;
  version: number;
  state: ConversationState;
  businessPhoneNumberId: string;
  /** The business number as people write it, e.g. `+91 93309 94400`. */
  businessNumber: string;
  customerWaId: string;
  customerName: string | null;
  lastMessage: { role: 'customer' | 'business'; text: string; atMs: number } | null;
  owner: string | null;
  lastActivityAtMs: number;
  /** When the 24-hour window closes (null: the customer never wrote); past it, only templates. */
  windowClosesAtMs: number | null;
  windowOpen: boolean;
  /** Why the bot handed over, while it waits for a person. */
  handoffReason: string | null;
}

export function windowOf(conversation: Pick<Conversation, 'lastInboundAtMs'>, nowMs: number) {
  const closesAtMs =
    conversation.lastInboundAtMs === undefined ? null : conversation.lastInboundAtMs + windowMs;
  return { closesAtMs, open: closesAtMs !== null && closesAtMs > nowMs };
}

export function inboxItem(
  conversation: Conversation,
  directory: BusinessDirectory,
  nowMs: number,
): InboxItem {
  const last = [...(conversation.recentTurns ?? [])].sort((left, right) => left.atMs - right.atMs).at(-1);
  const window = windowOf(conversation, nowMs);
  const reason = conversation.handoff?.reason;
  return {
    id: conversation.id,
    version: conversation.version,
    state: conversation.state,
    businessPhoneNumberId: conversation.businessPhoneNumberId,
    businessNumber:
      directory.phoneByMetaId.get(conversation.businessPhoneNumberId)?.displayNumber ??
      conversation.businessPhoneNumberId,
    customerWaId: conversation.customerWaId,
    customerName: conversation.customerProfileName || null,
    lastMessage: last ? { role: last.role, text: last.text.slice(0, 160), atMs: last.atMs } : null,
    owner: conversation.ownerAgentId ?? null,
    lastActivityAtMs: conversation.lastActivityAtMs,
    windowClosesAtMs: window.closesAtMs,
    windowOpen: window.open,
    handoffReason: conversation.state === 'waiting_for_human' && typeof reason === 'string' ? reason : null,
  };
}
