import type { Message } from '@aws-sdk/client-bedrock-runtime';
import type { Conversation } from '#core/stores/conversation.ts';
import { memoryText } from '../memory/session-memory.ts';

const opening = '<conversation_context>';
const closing = '</conversation_context>';

/**
 * What the platform knows of this customer beyond the current transcript: the bot's memory of
 * earlier visits and the summary a colleague wrote when they handed the conversation back. Both
 * hold customers' words, so they are data, never instructions: they go in a delimited block at
 * the start of the conversation (the system prompt says what the block is and that nothing in it
 * changes what the assistant may do), never in the system prompt, where one planted sentence
 * would be an instruction in every later answer. The tools' policies and the catalog's prices are
 * enforced in code whatever the block says.
 */
export function conversationContext(conversation: Conversation): string | undefined {
  const parts: string[] = [];
  if (conversation.memory?.length)
    parts.push(`Earlier visits of this customer (most recent last):\n${memoryText(conversation.memory)}`);
  if (conversation.humanSummary)
    parts.push(
      `A colleague handled this conversation before it came back to the assistant. Their note: ${conversation.humanSummary}`,
    );
  if (parts.length === 0) return undefined;
  // Nothing inside may close the block early or open another one.
  const body = parts.join('\n\n').replace(/<\/?\s*conversation_context\s*>/gi, '');
  return `${opening}\n${body}\n${closing}`;
}

/** The block as the first text of the first user turn (Converse has no other place for data). */
export function withConversationContext(messages: Message[], context: string | undefined): Message[] {
  const [first, ...rest] = messages;
  if (!context || !first) return messages;
  return [{ ...first, content: [{ text: context }, ...(first.content ?? [])] }, ...rest];
}
