import '#core/aws/clients/dynamodb.ts';
import { createHash } from 'node:crypto';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { AuditStore, type StoredAuditEntry } from '#core/stores/audit-store.ts';
import type { ConversationState } from '#core/stores/conversation.ts';
import { describeInbound, describeOutbound, inboundOrderMs } from '#core/stores/conversation-history.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { latestOfConversation } from '#core/stores/latest-of-conversation.ts';
import { redactPersonal } from '../dataset/flag-to-case.ts';

/** What the bot did in a stretch of a conversation: what a shadow replay compares. */
export interface BotConduct {
  /** The bot's messages, in order. */
  answers: string[];
  citations: string[];
  /** The tools it called, by name, in order. */
  tools: string[];
  /** Whether it handed the conversation to a person, and why. */
  handoff: { handedOver: boolean; reason: string | null };
}

/** A stored conversation as a shadow replay takes it: redacted, and what the bot did then. */
export interface PastConversation {
  /** A name for the report that says nothing of the customer (a hash of the conversation id). */
  label: string;
  /** The customer's messages up to the first person's involvement, redacted; at most ten. */
  turns: string[];
  recorded: BotConduct;
}

/** At most this many customer messages of a conversation are replayed (an eval case's limit). */
export const replayedTurns = 10;

/**
 * The most recent conversations the bot answered, newest activity first, from the console's
 * `by-state` index (every state): what a shadow replay takes when no conversation is named.
 */
export async function recentConversationIds(
  config: Config,
  clients: Pick<AwsClients, 'documents'>,
  options: { limit: number; sinceMs: number },
): Promise<string[]> {
  const store = new ConversationStore(clients.documents, config.tables.conversations);
  const states: ConversationState[] = ['bot', 'waiting_for_human', 'human'];
  const pages = await Promise.all(states.map((state) => store.pageByState(state, { limit: options.limit })));
  return pages
    .flatMap((page) => page.conversations)
    .filter((conversation) => (conversation.lastActivityAtMs ?? 0) >= options.sinceMs)
    .sort((left, right) => (right.lastActivityAtMs ?? 0) - (left.lastActivityAtMs ?? 0))
    .slice(0, options.limit)
    .map((conversation) => conversation.id);
}

/**
 * A stored conversation for replay: the customer's messages (phone numbers and email addresses
 * redacted) until a person first took part (a takeover or a person's message: after that the bot
 * was not the one answering), and what the bot did in that stretch, from the platform's records:
 * its messages and their citations (WhatsAppOutbound), its tool calls and handoff (the audit).
 * Undefined when the customer wrote nothing the bot answered.
 */
export async function pastConversation(
  config: Config,
  clients: Pick<AwsClients, 'documents'>,
  conversationId: string,
): Promise<PastConversation | undefined> {
  const [inbound, outbound, audit] = await Promise.all([
    latestOfConversation(clients.documents, config.tables.whatsAppInbound, conversationId, { limit: 100 }),
    latestOfConversation(clients.documents, config.tables.whatsAppOutbound, conversationId, { limit: 100 }),
    new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays).forConversation(
      conversationId,
      200,
    ),
  ]);
  const sentBy = (item: Record<string, unknown>) => (item.sentBy as { kind?: string } | undefined)?.kind;
  const firstPersonMs = Math.min(
    ...outbound.filter((item) => sentBy(item) === 'agent').map((item) => Number(item.atMs)),
    ...audit.filter((entry) => entry.action === 'takeover').map((entry) => entry.atMs),
  );
  const customerTurns = inbound
    .map((item) => ({ text: replayable(describeInbound(item)), atMs: inboundOrderMs(item) }))
    .filter((turn) => turn.text && turn.atMs < firstPersonMs)
    .sort((left, right) => left.atMs - right.atMs)
    .slice(0, replayedTurns);
  const lastTurn = customerTurns.at(-1);
  if (!lastTurn) return undefined;
  // The bot's conduct until the next customer message after the last replayed one (or the person).
  const nextCustomerMs = Math.min(
    firstPersonMs,
    ...inbound.map((item) => inboundOrderMs(item)).filter((atMs) => atMs > lastTurn.atMs),
  );
  const within = (atMs: number) => atMs >= (customerTurns[0]?.atMs ?? 0) && atMs < nextCustomerMs;
  const botMessages = outbound
    .filter((item) => item.content && sentBy(item) === 'bot' && within(Number(item.atMs)))
    .sort((left, right) => Number(left.atMs) - Number(right.atMs));
  const entries = audit.filter((entry) => within(entry.atMs)).sort((left, right) => left.atMs - right.atMs);
  const handoff = entries.find((entry) => entry.action === 'request-human');
  const answers = botMessages.map((item) => redactPersonal(describeOutbound(item)));
  if (answers.length === 0 && !handoff) return undefined;
  return {
    label: `shadow-${createHash('sha256').update(conversationId).digest('hex').slice(0, 10)}`,
    turns: customerTurns.map((turn) => redactPersonal(turn.text).slice(0, 2000)),
    recorded: {
      answers,
      citations: [
        ...new Set(
          botMessages.flatMap((item) =>
            ((item.sentBy as { citations?: Array<{ title?: string }> }).citations ?? []).map(
              (citation) => citation.title ?? '',
            ),
          ),
        ),
      ].filter(Boolean),
      tools: toolsOf(entries),
      handoff: {
        handedOver: handoff !== undefined,
        reason: typeof handoff?.details?.reason === 'string' ? handoff.details.reason : null,
      },
    },
  };
}

/** A tap on a reply button is replayed as its title, written: a clear yes or no reads the same. */
function replayable(described: string): string {
  return /^\[(?:chose|tapped): (.+)\]$/.exec(described)?.[1] ?? described;
}

function toolsOf(entries: readonly StoredAuditEntry[]): string[] {
  return entries
    .filter((entry) => entry.action === 'bot-answer')
    .flatMap((entry) =>
      ((entry.details?.toolCalls ?? []) as Array<{ name: string }>).map((call) => call.name),
    );
}
