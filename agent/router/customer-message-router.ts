import type { Logger } from '@aws-lambda-powertools/logger';
import type { CustomerMessageListener } from '#channels/whatsapp/inbound/customer-message-listener.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import { maskConversationId } from '#core/logger/mask-phone.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { ConversationHistory } from '#core/stores/conversation-history.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type { StoredInboundMessage } from '#core/stores/inbound-message-store.ts';
import { acknowledgement } from '../answer/acknowledge.ts';
import { type AgentDependencies, answerCustomer } from '../answer/answer-customer.ts';
import { memoryLine, remember } from '../memory/session-memory.ts';
import { ConversationOwnership } from './conversation-ownership.ts';
import { handOffAfterFailure } from './fallback-handoff.ts';

export interface RouterDependencies {
  agent: AgentDependencies;
  conversations: ConversationStore;
  history: ConversationHistory;
  sender: WhatsAppSender;
  audit: AuditStore;
  logger: Logger;
  debounceMs: number;
  /** How long and how many session summaries the bot keeps (the seed's agent: 30 days, 20 sessions). */
  memoryLimits: { days: number; count: number };
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Decides who answers each stored customer message. A conversation owned by a human, or waiting
 * for one, gets no bot reply (the human agents are notified). Otherwise the bot waits a moment for
 * the rest of a burst, checks that this message is still the latest and the conversation still the
 * bot's, answers everything since its last reply at once, and sends only if a takeover has not
 * happened meanwhile (a conditional reservation on the conversation's version).
 */
export function customerMessageRouter(dependencies: RouterDependencies): CustomerMessageListener {
  const sleep =
    dependencies.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return {
    async onCustomerMessage(conversation, message) {
      dependencies.logger.debug('Routing a customer message', {
        conversationId: conversation.id,
        wamid: message.id,
        state: conversation.state,
        replyState: message.replyState,
      });
      if (message.replyState === 'none-needed') return;
      if (conversation.state !== 'bot') {
        await dependencies.audit.record({
          actorId: 'system',
          action: 'notify-human-agents',
          conversationId: conversation.id,
          details: { wamid: message.id, state: conversation.state },
        });
        return;
      }
      await sleep(dependencies.debounceMs);
      const current = await dependencies.conversations.get(conversation.id);
      // A newer message answers for this one; a takeover means the bot stays silent.
      if (current?.state !== 'bot' || current.lastInboundWamid !== message.id) {
        dependencies.logger.debug('Not answering: a newer message or another owner', {
          conversationId: conversation.id,
          wamid: message.id,
          latest: current?.lastInboundWamid,
          state: current?.state,
        });
        return;
      }
      await answer(dependencies, current, message);
    },
  };
}

async function answer(
  dependencies: RouterDependencies,
  conversation: Conversation,
  message: StoredInboundMessage,
): Promise<void> {
  const sinceMs =
    conversation.humanSummary && conversation.epochStartedAt
      ? Date.parse(conversation.epochStartedAt)
      : undefined;
  const turns = await dependencies.history.recent(conversation.id, {
    limit: 20,
    ...(sinceMs !== undefined ? { sinceMs } : {}),
  });
  // Blue ticks for the customer: the bot has read what they wrote (a failure here never blocks the answer).
  await dependencies.sender
    .markAsRead(conversation.businessPhoneNumberId, message.id)
    .catch((error: unknown) => {
      dependencies.logger.warn('Could not mark the message as read', { wamid: message.id, error });
    });
  const acknowledged = acknowledgement(turns);
  const asked = turns.filter((turn) => turn.role === 'customer').at(-1)?.text ?? '';
  const reply = acknowledged
    ? { messages: [acknowledged], citations: [], toolCalls: [], handedOff: false }
    : await answerCustomer(dependencies.agent, conversation, turns, message.id).catch((failure: unknown) =>
        handOffAfterFailure(
          {
            ownership: new ConversationOwnership(dependencies.conversations, dependencies.audit),
            conversations: dependencies.conversations,
            logger: dependencies.logger,
          },
          conversation,
          asked,
          failure,
        ),
      );
  if (!reply) return;
  if (!reply.handedOff) {
    const reserved = await dependencies.conversations.reserveBotReply(
      conversation.id,
      conversation.version,
      message.id,
      new Date().toISOString(),
    );
    if (!reserved) {
      dependencies.logger.info('Bot reply dropped: the conversation changed while the bot was answering', {
        conversationId: maskConversationId(conversation.id),
      });
      return;
    }
  }
  // After a handoff the conversation is no longer the bot's, but telling the customer a person is coming is part of it.
  for (const [index, text] of reply.messages.entries()) {
    await dependencies.sender.send({
      idempotencyKey: `reply:${message.id}:${index}`,
      from: conversation.businessPhoneNumberId,
      to: conversation.customerWaId,
      content: { type: 'text', body: text },
      replyTo: reply.messages.length > 1 && index > 0 ? undefined : message.id,
      sentBy: reply.citations.length > 0 ? { kind: 'bot', citations: reply.citations } : { kind: 'bot' },
    });
  }
  await dependencies.audit.record({
    actorId: 'bot',
    action: 'bot-answer',
    conversationId: conversation.id,
    details: {
      replyTo: message.id,
      citations: reply.citations,
      toolCalls: reply.toolCalls,
      handedOff: reply.handedOff,
    },
  });
  // What came of this turn joins the bot's memory of the customer (30 days, 20 sessions).
  const line = acknowledged
    ? `Customer ${asked.replace(/^\[|\]$/g, '')} — acknowledged.`
    : memoryLine(asked, reply);
  const memory = remember(conversation.memory ?? [], line, new Date(), dependencies.memoryLimits);
  await dependencies.conversations.saveMemory(conversation.id, memory);
}
