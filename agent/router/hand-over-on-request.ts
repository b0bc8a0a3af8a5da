import type { Conversation } from '#core/stores/conversation.ts';
import type { EffectGuard } from '#tools/agent-tool.ts';
import type { AgentAnswer } from '../answer/answer-customer.ts';
import type { CustomerLanguage } from '../answer/customer-language.ts';
import type { ConversationOwnership } from './conversation-ownership.ts';

const notice: Record<CustomerLanguage, string> = {
  en: 'Of course. I have asked a member of our team to take over; they will reply here shortly.',
  hinglish: 'Zaroor. Maine hamari team ke ek member ko bula liya hai; woh jaldi yahin reply karenge.',
  hi: 'ज़रूर। मैंने हमारी टीम के एक सदस्य को बुला लिया है; वे जल्द ही यहीं जवाब देंगे।',
  bn: 'অবশ্যই। আমি আমাদের টিমের একজন সদস্যকে ডেকেছি; তিনি শীঘ্রই এখানে উত্তর দেবেন।',
  banglish: 'Obosshoi. Ami amader team er ekjon member ke dekechi; tini shighroi ekhane uttor deben.',
};

/**
 * The customer asked for a person in so many words (agent/intents/explicit-intents.json): they get
 * one, with reason `customer-asked`, without asking the model, so the request is honoured when
 * the model is down, slow, or would have answered instead. The handoff is a guarded effect: if a
 * person took over meanwhile it does not happen (ConversationChangedError ends the answer).
 */
export async function handOverOnRequest(
  ownership: ConversationOwnership,
  conversation: Conversation,
  effects: EffectGuard,
  request: { question: string; requestId: string; language: CustomerLanguage },
): Promise<AgentAnswer> {
  const handedOver = await ownership.requestHuman(
    conversation.id,
    {
      reason: 'customer-asked',
      summary: 'The customer asked to speak to a person.',
      intent: request.question,
      facts: {},
      citedSources: [],
      customerWaId: conversation.customerWaId,
      requestId: request.requestId,
      at: new Date().toISOString(),
    },
    effects.expected().version,
  );
  effects.ownerChanged(handedOver);
  return {
    messages: [notice[request.language]],
    citations: [],
    toolCalls: [{ name: 'request_human', ok: true }],
    handedOff: true,
  };
}
