import { randomBytes } from 'node:crypto';
import type { CustomerMessageListener } from '#channels/whatsapp/inbound/customer-message-listener.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { StoredInboundMessage } from '#core/stores/inbound-message-store.ts';

/** A fresh, well-formed WhatsApp message id. */
export function newWamid(): string {
  return `wamid.HBgM${randomBytes(18).toString('base64').replace(/[+/=]/g, 'A')}`;
}

/** A fresh customer number (Indian mobile format), so tests sharing one world never share a conversation. */
export function newCustomerWaId(): string {
  return `9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Records every hand-over, then passes it on. */
export function recordingListener(next?: CustomerMessageListener) {
  const calls: Array<{ conversation: Conversation; message: StoredInboundMessage }> = [];
  const listener: CustomerMessageListener = {
    async onCustomerMessage(conversation, message) {
      calls.push({ conversation, message });
      await next?.onCustomerMessage(conversation, message);
    },
  };
  return { listener, calls };
}

export const unixSeconds = (date: Date) => String(Math.floor(date.getTime() / 1000));
