import type { Conversation } from '#core/stores/conversation.ts';
import { passagesBlock } from '#kb/passages-prompt.ts';
import type { Passage } from '#kb/retrieve-passages.ts';
import { memoryText } from '../memory/session-memory.ts';

/**
 * The assistant's instructions: who it is, how it answers (grounded, in the customer's language,
 * WhatsApp formatting), when it must hand over, and the passages it may answer from. After a
 * human released the conversation, the summary of the human part replaces the escalation, so the
 * bot neither re-reads it nor hands off again for the same reason.
 */
export function systemPrompt(conversation: Conversation, passages: readonly Passage[]): string {
  const lines = [
    'You are the WhatsApp assistant of WECARE.DIGITAL. You help customers with our services, prices, payments and policies.',
    'Answer only from the passages below. If they do not answer the question, say you do not have that information and offer a person; never invent prices, policies or dates.',
    "Answer in the customer's language (English, Hindi, Bengali or Hinglish), briefly, in WhatsApp formatting (*bold*, _italic_, short lists). Cite passages as [n].",
    'Use request_human when the customer asks for a person, when no passage answers, for refunds or complaints, or when a tool fails.',
    'Use create_invoice_link only for a service and price stated in a passage. Use send_template only for approved utility templates.',
  ];
  if (conversation.humanSummary) {
    lines.push(
      `A member of our team handled this conversation earlier. Their summary: ${conversation.humanSummary}`,
      'Continue from it; do not hand over again for what they already settled.',
    );
  }
  if (conversation.memory?.length) {
    lines.push(
      `What happened in earlier conversations with this customer (most recent last):\n${memoryText(conversation.memory)}`,
    );
  }
  lines.push(passagesBlock(passages));
  return lines.join('\n');
}
