import { BotEffects } from '#agent/router/bot-effects.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import type { ToolContext } from '#tools/agent-tool.ts';
import { newCustomerWaId, newWamid } from './inbound-helpers.ts';
import { testClients, testConfig } from './local-clients.ts';

const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const contacts = new ContactStore(clients.documents, config.tables.contacts);
const replies = new ReplyCoordination(clients.documents, config.tables.conversations);

/** A conversation with a customer message pending, claimed by a bot job as the bot function would. */
export async function toolContext(name = 'Priya Sharma'): Promise<ToolContext> {
  const waId = newCustomerWaId();
  const at = new Date();
  await conversations.recordInbound({
    businessPhoneNumberId: '831049713436137',
    customerWaId: waId,
    profileName: name,
    wamid: newWamid(),
    at: at.toISOString(),
    atMs: at.getTime(),
    awaitsReply: { receivedMs: at.getTime() },
  });
  await contacts.upsertFromWhatsApp({ waId, profileName: name, atMs: at.getTime() });
  const id = conversationIdOf('831049713436137', waId);
  const conversation = await replies.claim(id, {
    owner: 'tools-test',
    nowMs: Date.now(),
    leaseMs: 60_000,
    debounceMs: 0,
    capMs: 0,
  });
  if (!conversation) throw new Error('no conversation to claim');
  return {
    conversation,
    requestId: newWamid(),
    now: at,
    effects: new BotEffects(replies, id, 'tools-test', conversation, 10_000),
  };
}
