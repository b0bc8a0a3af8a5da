import type { Conversation } from '#core/stores/conversation.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type { StoredInboundMessage } from '#core/stores/inbound-message-store.ts';

/**
 * The hand-over point: called once a customer's message is stored and its conversation updated.
 * The agent's router implements it; channels know nothing about who answers.
 */
export interface CustomerMessageListener {
  onCustomerMessage(conversation: Conversation, message: StoredInboundMessage): Promise<void>;
}

/** Until someone answers, a message that needs a reply is recorded as awaiting one on its conversation. */
export function awaitingReplyRecorder(conversations: ConversationStore): CustomerMessageListener {
  return {
    async onCustomerMessage(conversation, message) {
      if (message.replyState === 'awaiting-reply')
        await conversations.markAwaitingReply(conversation.id, message.receivedAt);
    },
  };
}
