import '#core/aws/clients/dynamodb.ts';
import { NotFoundError } from '#core/errors/app-errors.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import { conversationInvoices } from '#core/stores/conversation-invoices.ts';
import type { TimelineMessage } from '#core/stores/message-timeline.ts';
import type { ConsoleDesk } from './console-desk.ts';
import { type InboxItem, inboxItem } from './inbox-item.ts';
import { type OfferedTemplate, offeredTemplates, templatesOfNumber } from './offered-templates.ts';

export type ToolCall = { name: string; ok: boolean };

/** What the bot handed over with: the packet a person opens first. */
export interface HandoffPacket {
  reason: string;
  summary: string;
  intent: string | null;
  facts: Record<string, string>;
  sources: string[];
  at: string | null;
}

export interface ConversationView {
  conversation: InboxItem & { epoch: number; humanSummary: string | null };
  handoff: HandoffPacket | null;
  /** Oldest first; the bot's replies carry the tool calls of the answer they belong to. */
  messages: Array<TimelineMessage & { toolCalls?: ToolCall[] }>;
  invoices: Array<{ id: string; description: string; amountPaise: number; currency: string; status: string }>;
  /** Offered while the 24-hour window is closed: a text reply cannot go out, one of these can. */
  templates: OfferedTemplate[];
}

/** A conversation as the console shows it. */
export async function conversationView(
  desk: ConsoleDesk,
  id: string,
  nowMs: number,
): Promise<ConversationView> {
  const conversation = await desk.conversations.get(id);
  if (!conversation) throw new NotFoundError(`There is no conversation ${id}`);
  const [messages, answers, invoices] = await Promise.all([
    desk.timeline.recent(id),
    botAnswers(desk, id),
    conversationInvoices(desk.clients.documents, desk.config.tables.invoice, id),
  ]);
  const item = inboxItem(conversation, desk.directory, nowMs);
  return {
    conversation: {
      ...item,
      epoch: conversation.epoch ?? 0,
      humanSummary: conversation.humanSummary ?? null,
    },
    // Kept in view while a person handles it: the reason and facts are what they work from.
    handoff: conversation.state === 'bot' ? null : handoffPacket(conversation),
    messages: messages.map((message) => {
      if (message.sentBy?.kind !== 'bot') return message;
      const toolCalls = toolCallsOf(message, answers);
      return toolCalls ? { ...message, toolCalls } : message;
    }),
    invoices: invoices.map((invoice) => ({
      id: invoice.id,
      description: invoice.description,
      amountPaise: invoice.amountPaise,
      currency: invoice.currency,
      status: invoice.status,
    })),
    templates: item.windowOpen
      ? []
      : offeredTemplates(await templatesOfNumber(desk, conversation), {
          name: await customerName(desk, conversation),
        }),
  };
}

/** The name to address the customer by: the contact's (as an operator set it), else their WhatsApp profile's. */
export async function customerName(desk: ConsoleDesk, conversation: Conversation): Promise<string | null> {
  const contact = await desk.contacts.findByPhone(conversation.customerWaId);
  if (contact?.name && !contact.name.startsWith('+')) return contact.name;
  return conversation.customerProfileName || null;
}

/** The bot's answers that called tools, by the customer message they answered (the audit's `bot-answer`). */
export async function botAnswers(
  desk: ConsoleDesk,
  conversationId: string,
): Promise<Map<string, ToolCall[]>> {
  const entries = await desk.audit.forConversation(conversationId, 100);
  const answers = new Map<string, ToolCall[]>();
  for (const entry of entries) {
    const details = entry.details ?? {};
    if (entry.action !== 'bot-answer' || typeof details.replyTo !== 'string') continue;
    const calls = Array.isArray(details.toolCalls) ? (details.toolCalls as ToolCall[]) : [];
    answers.set(details.replyTo, calls);
  }
  return answers;
}

export function toolCallsOf(
  message: Pick<TimelineMessage, 'replyTo' | 'answers'>,
  answers: Map<string, ToolCall[]>,
): ToolCall[] | undefined {
  for (const wamid of [message.replyTo, ...(message.answers ?? [])])
    if (wamid && answers.has(wamid)) return answers.get(wamid);
  return undefined;
}

function handoffPacket(conversation: Conversation): HandoffPacket | null {
  const handoff = conversation.handoff;
  if (!handoff) return null;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const facts = Object.fromEntries(
    Object.entries((handoff.facts ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      String(value),
    ]),
  );
  const sources = Array.isArray(handoff.citedSources) ? handoff.citedSources.map(String) : [];
  return {
    reason: text(handoff.reason) ?? 'unknown',
    summary: text(handoff.summary) ?? '',
    intent: text(handoff.intent),
    facts,
    sources,
    at: text(handoff.at) ?? null,
  };
}
