import type { ChatReply } from '#agent/model/converse-chat.ts';

/** A tool the model asks for: Bedrock's toolUse block, its input an object (checked by the tool's schema later). */
export interface ToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/**
 * What one Nova Pro reply lets the agent do: send text to the customer, run the tools the model
 * asks for, or neither. The reply is Converse's assistant message as Bedrock returned it: any
 * number of blocks, text (with Nova's `<thinking>` inside), toolUse, reasoningContent, or a type
 * added later, and a stopReason.
 */
export type ModelReply =
  | { kind: 'text'; text: string }
  | { kind: 'tool-calls'; calls: ToolCall[] }
  | { kind: 'unsendable'; reason: UnsendableReason; stopReason: string | undefined };

export type UnsendableReason =
  /** Nothing a customer could read once the thinking is left out (or no content at all). */
  | 'empty'
  /** Cut off by the output cap: see `refusedStops` for why it is never sent, even in part. */
  | 'max-tokens'
  /** A Bedrock guardrail intervened; its canned message is not ours to send. */
  | 'guardrail'
  /** Nova's own Responsible AI filter blocked the output. */
  | 'content-filtered'
  /** Bedrock says the output or a tool call was malformed, or a tool_use stop left no readable call. */
  | 'malformed'
  | 'context-window-exceeded'
  /** The model asks for a tool, and the caller has no tool round left to run it. */
  | 'tool-call-at-cap'
  /** A stop reason this code does not know yet: not sent until someone decides what it means. */
  | 'unknown-stop-reason';

/**
 * Stops after which nothing in the reply goes to a customer.
 *
 * `max_tokens` is dropped whole rather than trimmed to its complete sentences: the agent answers
 * from passages, and what a cut removes is usually what matters most, the qualifier after a price
 * or a policy ("…, excluding GST") and the `[n]` citation that closes the answer. Sentence ends are
 * also guesswork across English, Hindi (।), Bengali and WhatsApp lists, where a list cut after its
 * second item looks complete. With the agent's output cap far above a WhatsApp answer, hitting it
 * means the model rambled or looped; the caller's fallback (a person) serves the customer better.
 */
const refusedStops: Readonly<Record<string, UnsendableReason>> = {
  max_tokens: 'max-tokens',
  guardrail_intervened: 'guardrail',
  content_filtered: 'content-filtered',
  malformed_model_output: 'malformed',
  malformed_tool_use: 'malformed',
  model_context_window_exceeded: 'context-window-exceeded',
};

/** Stops after which the content is the model's finished turn (a stop sequence ends it on purpose). */
const finishedStops = new Set(['end_turn', 'tool_use', 'stop_sequence']);

/**
 * Reads a Converse reply. `toolsAllowed` says whether the caller will run tools this round; when it
 * will not, a reply that asks for tools is unsendable, even with text beside the call, because that
 * text announces work ("I'll create the invoice…") that will not happen.
 */
export function readModelReply(reply: ChatReply, options: { toolsAllowed: boolean }): ModelReply {
  // Always present on Converse; absent only on a reply built another way, judged by its content.
  const { stopReason } = reply;
  const unsendable = (reason: UnsendableReason): ModelReply => ({ kind: 'unsendable', reason, stopReason });

  const refused = stopReason === undefined ? undefined : refusedStops[stopReason];
  if (refused) return unsendable(refused);
  if (stopReason !== undefined && !finishedStops.has(stopReason)) return unsendable('unknown-stop-reason');

  const blocks = reply.message.content ?? [];
  const uses = blocks.flatMap((block) => (block.toolUse ? [block.toolUse] : []));
  // A tool input that is not an object (a string, a list, nothing): a call no tool can read.
  if (uses.some((use) => !isObject(use.input))) return unsendable('malformed');
  if (uses.length > 0) {
    if (!options.toolsAllowed) return unsendable('tool-call-at-cap');
    const calls = uses.map((use) => ({
      id: use.toolUseId ?? '',
      name: use.name ?? '',
      args: use.input as Record<string, unknown>,
    }));
    return { kind: 'tool-calls', calls };
  }
  // The model stopped to call a tool and named none.
  if (stopReason === 'tool_use') return unsendable('malformed');

  const text = customerText(textBlocks(blocks));
  return /[\p{L}\p{N}]/u.test(text) ? { kind: 'text', text } : unsendable('empty');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text blocks only: reasoning, images, documents and tool results are never the customer's. */
function textBlocks(blocks: ChatReply['message']['content'] & object): string {
  return blocks.flatMap((block) => (typeof block.text === 'string' ? [block.text] : [])).join('\n\n');
}

const thinkingSection = /<thinking\b[^>]*>[\s\S]*?<\/thinking\s*>/gi;
/** A closing tag left after the pairs are gone: everything before it was thinking. */
const thinkingBeforeStrayClose = /^[\s\S]*<\/thinking\s*>/i;
/** An opening tag that never closes: the rest is thinking. */
const unclosedThinking = /<thinking\b[^>]*>[\s\S]*$/i;
const responseSection = /<response\b[^>]*>([\s\S]*?)<\/response\s*>/gi;
const responseTag = /<\/?response\b[^>]*>/gi;

/**
 * Nova thinks aloud in `<thinking>` tags inside its text when tools are bound (AWS: "Invoking a
 * tool", "Troubleshooting tool calls": drop it if the application does not need it); it goes.
 * A `<response>` wrapper, if the model writes one, marks what is meant for the reader: only that
 * is kept. AWS does not document one for Nova; this guards the habit, it does not rely on it.
 */
function customerText(raw: string): string {
  const withoutThinking = raw
    .replace(thinkingSection, '')
    .replace(thinkingBeforeStrayClose, '')
    .replace(unclosedThinking, '');
  const wrapped = [...withoutThinking.matchAll(responseSection)].map((match) => match[1] ?? '');
  const meant = wrapped.length > 0 ? wrapped.join('\n\n') : withoutThinking.replace(responseTag, '');
  return meant
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
