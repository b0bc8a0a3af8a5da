import type { z } from 'zod';
import type { Conversation, ConversationState } from '#core/stores/conversation.ts';

/**
 * The guard at every effect of the bot. `run` reserves the effect on the conversation (still the
 * bot's, still the version the bot read, the answer still this job's), does it, and ends the
 * reservation; a takeover in between is refused until the effect is over, and an effect after a
 * takeover never starts (ConversationChangedError, which ends the answer).
 */
export interface EffectGuard {
  run<T>(key: string, effect: () => Promise<T>): Promise<T>;
  /** The state and version the bot's next change of owner (a handoff) must find. */
  expected(): { state: ConversationState; version: number };
  /** After the bot's own handoff: its next effects (the notice) must find this state and version. */
  ownerChanged(conversation: Pick<Conversation, 'state' | 'version'>): void;
}

/**
 * What every tool knows about the conversation it acts in. Tools never take a customer, phone
 * number or conversation from the model: they act for `conversation.customerWaId` only.
 */
export interface ToolContext {
  conversation: Conversation;
  /** The inbound message being answered: names the request, so a retried step converges. */
  requestId: string;
  now: Date;
  /** What the customer asked in this turn, and the titles of the passages the answer could rely on (for handoff packets). */
  question?: string;
  sources?: readonly string[];
  /** Every effect a tool has (a send, an invoice, a handoff) goes through this guard. */
  effects: EffectGuard;
}

export interface ToolResult {
  ok: boolean;
  /** What the model is told (JSON-serialisable); never secrets, never other customers' data. */
  data: Record<string, unknown>;
  /**
   * The tool has answered the customer itself (a quote with its buttons): the answer ends here,
   * with no further model round that could talk over it.
   */
  endsTurn?: { quote?: { invoiceId: string; wamid: string } };
}

/**
 * A tool is one file: the schema the model sees and every argument is re-validated against, a
 * description for the model, an authorization policy that binds the input to the conversation's
 * own customer (or refuses), and the implementation (DESIGN.md §7.7).
 */
export interface AgentTool<Input> {
  name: string;
  description: string;
  input: z.ZodType<Input>;
  /** Returns the input bound to the conversation, or throws ForbiddenError. */
  authorize(context: ToolContext, input: Input): Input;
  execute(context: ToolContext, input: Input): Promise<ToolResult>;
}
