import type { z } from 'zod';
import type { Conversation } from '#core/stores/conversation.ts';

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
}

export interface ToolResult {
  ok: boolean;
  /** What the model is told (JSON-serialisable); never secrets, never other customers' data. */
  data: Record<string, unknown>;
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
