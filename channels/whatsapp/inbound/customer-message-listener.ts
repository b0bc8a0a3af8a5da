import { type AgentJobQueue, answerDueInMs } from '#core/queues/agent-jobs.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { StoredInboundMessage } from '#core/stores/inbound-message-store.ts';

/**
 * The hand-over point: called once a customer's message is stored and its conversation updated.
 * Channels know nothing about who answers; they only say that someone may have to.
 */
export interface CustomerMessageListener {
  onCustomerMessage(conversation: Conversation, message: StoredInboundMessage): Promise<void>;
}

/**
 * Hands each message that needs a reply to the bot's queue, as a job that comes due when the
 * conversation may be answered (the debounce, capped). Nothing waits here: the inbound function
 * returns, and the bot function picks the job up when it is due.
 */
export function agentJobDispatcher(
  jobs: Pick<AgentJobQueue, 'enqueue'>,
  timing: { debounceMs: number; capMs: number },
  now: () => number = Date.now,
): CustomerMessageListener {
  return {
    async onCustomerMessage(conversation, message) {
      if (message.replyState !== 'awaiting-reply') return;
      await jobs.enqueue(
        { conversationId: conversation.id, wamid: message.id, reason: 'customer-message' },
        answerDueInMs(conversation, timing, now()),
      );
    },
  };
}
