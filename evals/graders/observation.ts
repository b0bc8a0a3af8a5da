import type { ModelUsage } from '#agent/model/converse-chat.ts';

/**
 * What a case's conversation produced, read from the platform's own records (the simulator's
 * chat, the outbound records' citations, the audit's tool calls, the conversation, the invoices):
 * what the graders judge. Nothing here comes from the model's own account of what it did.
 */
export interface Observation {
  /** The case's own conversation (its customer is the runner's, never a real one). */
  conversationId?: string;
  /** The business's messages to the customer after the case's first turn, in order. */
  replies: Array<{ text: string; buttons: string[] }>;
  /** Titles of the documents the answers cite (their outbound records). */
  citations: string[];
  /** The tools the bot called, with the arguments it called them with, and whether they succeeded. */
  toolCalls: Array<{ name: string; ok: boolean; input?: Record<string, unknown> }>;
  /** Who has the conversation at the end. */
  state: 'bot' | 'waiting_for_human' | 'human';
  handoffReason: string | null;
  /** Invoices the conversation has, with the catalog service and total they were computed with. */
  invoices: Array<{ serviceId: string; totalPaise: number; status?: string }>;
  /** Templates the customer was sent (their outbound records), with their parameters' values. */
  templates?: Array<{ name: string; language: string; parameters: string[] }>;
  /** The bot's model calls and tokens for the case's answers (its audit's `bot-answer` entries). */
  usage?: ModelUsage;
  /** What the bot's retrieval returns for the last question (the same call and settings the bot uses). */
  retrieved: Array<{ citation: string; score: number; text: string }>;
}

/** One grader's judgement of one expectation. */
export interface Verdict {
  grader: string;
  pass: boolean;
  /** What was expected and what was found, for the report. */
  detail: string;
}
