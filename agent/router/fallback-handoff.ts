import type { Logger } from '@aws-lambda-powertools/logger';
import { AppError, ConflictError } from '#core/errors/app-errors.ts';
import { maskConversationId } from '#core/logger/mask-phone.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type { AgentAnswer } from '../answer/answer-customer.ts';
import { type CustomerLanguage, customerLanguage } from '../answer/customer-language.ts';
import type { ConversationOwnership } from './conversation-ownership.ts';

const holding: Record<CustomerLanguage, string> = {
  en: 'Sorry, I could not answer that just now. I have asked a colleague to help you; they will reply here shortly.',
  hinglish:
    'Maaf kijiye, main abhi iska jawab nahi de paaya. Maine ek colleague ko bula liya hai; woh jaldi yahin reply karenge.',
  hi: 'क्षमा करें, मैं अभी इसका उत्तर नहीं दे पाया। मैंने एक सहकर्मी से आपकी मदद करने को कहा है; वे जल्द ही यहीं जवाब देंगे।',
  bn: 'দুঃখিত, আমি এখনই এর উত্তর দিতে পারিনি। আমি একজন সহকর্মীকে আপনাকে সাহায্য করতে বলেছি; তিনি শীঘ্রই এখানে উত্তর দেবেন।',
};

/**
 * When the agent cannot answer (the model unreachable after the SDK's retries, a time or token
 * budget spent), the platform hands the conversation to a person with reason `tool-error` and tells
 * the customer so in their language: a failure is never silence. Undefined when a human already
 * owns the conversation (then the bot stays quiet).
 */
export async function handOffAfterFailure(
  dependencies: { ownership: ConversationOwnership; conversations: ConversationStore; logger: Logger },
  conversation: Conversation,
  question: string,
  failure: unknown,
): Promise<AgentAnswer | undefined> {
  const code =
    failure instanceof AppError ? failure.code : failure instanceof Error ? failure.name : 'unexpected';
  dependencies.logger.error('The agent could not answer; handing over to a person', {
    conversationId: maskConversationId(conversation.id),
    code,
    error: failure,
  });
  try {
    await dependencies.ownership.requestHuman(conversation.id, {
      reason: 'tool-error',
      summary: `The assistant could not answer (${code}); the customer is waiting for a reply.`,
      intent: question,
      facts: {},
      citedSources: [],
      customerWaId: conversation.customerWaId,
      at: new Date().toISOString(),
    });
  } catch (error) {
    // The model may have handed off before it failed, or a person took over meanwhile.
    if (!(error instanceof ConflictError)) throw error;
    const current = await dependencies.conversations.get(conversation.id);
    if (current?.state !== 'waiting_for_human') return undefined;
  }
  return {
    messages: [holding[customerLanguage(question)]],
    citations: [],
    toolCalls: [],
    handedOff: true,
  };
}
