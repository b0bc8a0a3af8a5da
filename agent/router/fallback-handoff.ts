import type { Logger } from '@aws-lambda-powertools/logger';
import { AppError } from '#core/errors/app-errors.ts';
import { maskConversationId } from '#core/logger/mask-phone.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { EffectGuard } from '#tools/agent-tool.ts';
import type { AgentAnswer } from '../answer/answer-customer.ts';
import { type CustomerLanguage, customerLanguage } from '../answer/customer-language.ts';
import type { ConversationOwnership } from './conversation-ownership.ts';

const holding: Record<CustomerLanguage, string> = {
  en: 'Sorry, I could not answer that just now. I have asked a colleague to help you; they will reply here shortly.',
  hinglish:
    'Maaf kijiye, main abhi iska jawab nahi de paaya. Maine ek colleague ko bula liya hai; woh jaldi yahin reply karenge.',
  hi: 'क्षमा करें, मैं अभी इसका उत्तर नहीं दे पाया। मैंने एक सहकर्मी से आपकी मदद करने को कहा है; वे जल्द ही यहीं जवाब देंगे।',
  bn: 'দুঃখিত, আমি এখনই এর উত্তর দিতে পারিনি। আমি একজন সহকর্মীকে আপনাকে সাহায্য করতে বলেছি; তিনি শীঘ্রই এখানে উত্তর দেবেন।',
  banglish:
    'Dukkhito, ami ekhon er uttor dite parini. Amar ekjon colleague-ke apnake sahajjo korte bolechi; uni khub taratari ekhanei reply korben.',
};

/**
 * When the agent cannot answer (the model unreachable after the SDK's retries, a time or token
 * budget spent, nothing sendable in its reply), the platform hands the conversation to a person
 * with reason `tool-error` and tells the customer so in their language: a failure is never
 * silence. The handoff is one of the bot's guarded effects: if a person took over meanwhile, it
 * does not happen and the answer ends (ConversationChangedError). If the model had already handed
 * over before it failed, only the notice remains to be sent.
 */
export async function handOffAfterFailure(
  dependencies: { ownership: ConversationOwnership; logger: Logger },
  conversation: Conversation,
  effects: EffectGuard,
  question: string,
  failure: unknown,
): Promise<AgentAnswer> {
  const code =
    failure instanceof AppError ? failure.code : failure instanceof Error ? failure.name : 'unexpected';
  dependencies.logger.error('The agent could not answer; handing over to a person', {
    conversationId: maskConversationId(conversation.id),
    code,
    error: failure,
  });
  if (effects.expected().state === 'bot') {
    const handedOver = await dependencies.ownership.requestHuman(
      conversation.id,
      {
        reason: 'tool-error',
        summary: `The assistant could not answer (${code}); the customer is waiting for a reply.`,
        intent: question,
        facts: {},
        citedSources: [],
        customerWaId: conversation.customerWaId,
        at: new Date().toISOString(),
      },
      effects.expected().version,
    );
    effects.ownerChanged(handedOver);
  }
  return {
    messages: [holding[customerLanguage(question)]],
    citations: [],
    toolCalls: [],
    handedOff: true,
  };
}
