import { z } from 'zod';

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

export const Conversation = z.object({
  id: z.string(),
  /** Meta's phone number id of the business number. */
  businessPhoneNumberId: z.string(),
  customerWaId: z.string(),
  customerProfileName: z.string().nullable().optional(),
  state: ConversationState,
  ownerAgentId: z.string().nullable().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  lastInboundAt: z.string().optional(),
  lastInboundAtMs: z.number().optional(),
  lastInboundWamid: z.string().optional(),
  lastActivityAtMs: z.number(),
  awaitingReply: z.boolean().optional(),
  awaitingReplySince: z.string().optional(),
  /** Starts at 0; each release back to the bot opens a new epoch. */
  epoch: z.number().int().optional(),
  humanSummary: z.string().nullable().optional(),
  epochStartedAt: z.string().optional(),
  handoff: z.record(z.string(), z.unknown()).nullable().optional(),
  memory: z.array(MemorySession).optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** The conversation's key: business number (Meta id) and customer, so each pair has exactly one. */
export function conversationIdOf(businessPhoneNumberId: string, customerWaId: string): string {
  return `${businessPhoneNumberId}#${customerWaId}`;
}
