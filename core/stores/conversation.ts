import * as z from 'zod';

/**
 * A conversation: one business number and one customer. It says who answers (`state`), carries a
 * `version` that every change of owner bumps (so a bot reply and a human takeover can never both
 * win), and the customer's last message time, which opens WhatsApp's 24-hour window.
 */
export const ConversationState = z.enum(['bot', 'waiting_for_human', 'human']);
export type ConversationState = z.infer<typeof ConversationState>;

/** One visit's summary in the bot's memory of a customer (agent/memory decides what goes in). */
export const MemorySession = z.object({
  startedAt: z.string(),
  lastAt: z.string(),
  lines: z.array(z.string()).max(20),
});
export type MemorySession = z.infer<typeof MemorySession>;

/**
 * One turn of the conversation's recent transcript, kept on the conversation itself (the agent's
 * working memory, as a LangGraph checkpoint keeps a thread's messages): the bot reads its history
 * with the claim instead of querying two tables. Text is described and cut to `turnTextLimit`.
 */
export const TranscriptTurn = z.object({
  role: z.enum(['customer', 'business']),
  wamid: z.string(),
  text: z.string(),
  atMs: z.number(),
  /** The id of the reply button or list row the customer chose (ours, set when we sent it). */
  choiceId: z.string().max(256).optional(),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurn>;
export const turnTextLimit = 1000;

export const Conversation = z.object({
  id: z.string(),
  /** Meta's phone number id of the business number. */
  businessPhoneNumberId: z.string(),
  customerWaId: z.string(),
  customerProfileName: z.string().nullable().optional(),
  /** The profile name before the latest message ('' on the first): a change means the contact needs updating. */
  previousProfileName: z.string().optional(),
  state: ConversationState,
  ownerAgentId: z.string().nullable().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  lastInboundAt: z.string().optional(),
  lastInboundAtMs: z.number().optional(),
  lastInboundWamid: z.string().optional(),
  lastActivityAtMs: z.number(),
  /**
   * Customer messages that need a reply and have none yet, as `<receivedMs>|<wamid>` (a string set:
   * adding the same message twice is a no-op). Empty means absent: DynamoDB keeps no empty sets.
   */
  pendingReplies: z.set(z.string()).optional(),
  /** Bumped by every addition to `pendingReplies`: a settle that saw revision n settles exactly what it saw. */
  pendingRevision: z.number().int().optional(),
  /** When the oldest pending message was received (our clock); with `awaitingPhone` it keys the sparse awaiting-reply index. */
  pendingSinceMs: z.number().optional(),
  awaitingPhone: z.string().optional(),
  /** When the newest pending message was received: the debounce waits for quiet after it. */
  lastPendingReceivedMs: z.number().optional(),
  /** Messages already answered, kept a day, so that a redelivered message is not answered twice. */
  settledReplies: z.set(z.string()).optional(),
  /** The answer being worked on: one job holds it, until `untilMs` (a crashed job's lease runs out). */
  lease: z.object({ owner: z.string(), untilMs: z.number() }).nullable().optional(),
  /** An effect of the bot in flight (a send, an invoice): a takeover waits for it, so they never interleave. */
  effect: z.object({ key: z.string(), untilMs: z.number() }).nullable().optional(),
  /** The bot's reply to the pending messages could not be sent; it waits in the outbound dead-letter queue. */
  replyAwaitingReplay: z.string().optional(),
  lastBotReplyTo: z.string().optional(),
  lastBotReplyAt: z.string().optional(),
  /** Starts at 0; each release back to the bot opens a new epoch. */
  epoch: z.number().int().optional(),
  humanSummary: z.string().nullable().optional(),
  epochStartedAt: z.string().optional(),
  handoff: z.record(z.string(), z.unknown()).nullable().optional(),
  memory: z.array(MemorySession).optional(),
  /** The quote the bot sent last (its buttons), until the customer answers it: a plain yes or no to it decides it. */
  openQuote: z.object({ invoiceId: z.string(), wamid: z.string() }).nullable().optional(),
  /** The recent turns, oldest first (appended by inbound, the sender and the bot; trimmed by inbound). */
  recentTurns: z.array(TranscriptTurn).optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** A turn as the transcript keeps it: its text cut to the limit. */
export function transcriptTurn(turn: TranscriptTurn): TranscriptTurn {
  return { ...turn, text: turn.text.slice(0, turnTextLimit) };
}

/** A pending or settled message as kept on the conversation. */
export interface PendingEntry {
  wamid: string;
  receivedMs: number;
}

export function encodePendingEntry(entry: PendingEntry): string {
  return `${entry.receivedMs}|${entry.wamid}`;
}

/** The conversation's pending messages, oldest first. */
export function pendingEntriesOf(conversation: Pick<Conversation, 'pendingReplies'>): PendingEntry[] {
  return [...(conversation.pendingReplies ?? [])]
    .map((encoded) => {
      const separator = encoded.indexOf('|');
      return { receivedMs: Number(encoded.slice(0, separator)), wamid: encoded.slice(separator + 1) };
    })
    .sort((left, right) => left.receivedMs - right.receivedMs || left.wamid.localeCompare(right.wamid));
}

/** Whether the latest message brought a customer (or a profile name) the contacts do not have yet. */
export function contactNeedsUpdate(
  conversation: Pick<Conversation, 'previousProfileName' | 'customerProfileName'>,
): boolean {
  const before = conversation.previousProfileName;
  return !before || before !== (conversation.customerProfileName ?? '');
}

/** The conversation's key: business number (Meta id) and customer, so each pair has exactly one. */
export function conversationIdOf(businessPhoneNumberId: string, customerWaId: string): string {
  return `${businessPhoneNumberId}#${customerWaId}`;
}
