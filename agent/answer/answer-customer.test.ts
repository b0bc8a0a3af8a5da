import { describe, expect, it } from 'vitest';
import { UpstreamError } from '#core/errors/app-errors.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import type { AgentTool } from '#tools/agent-tool.ts';
import { requestHumanTool } from '#tools/request-human.ts';
import { newCustomerWaId, newWamid } from '../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { converseChat } from '../model/converse-chat.ts';
import { BotEffects } from '../router/bot-effects.ts';
import { ConversationOwnership } from '../router/conversation-ownership.ts';
import { type AgentDependencies, answerCustomer } from './answer-customer.ts';

/** The agent loop against the offline model and the local Knowledge Base, through the real SDK clients. */
const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const replies = new ReplyCoordination(clients.documents, config.tables.conversations);
const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);

function agent(budgets: Partial<AgentDependencies> = {}): AgentDependencies {
  return {
    model: converseChat(config, clients),
    retriever: new PassageRetriever(clients.bedrockAgentRuntime, config),
    tools: [requestHumanTool(new ConversationOwnership(conversations, audit))] as AgentTool<unknown>[],
    audit,
    ...budgets,
  };
}

/** A new customer's conversation (the bot's) and their one message. */
async function customerSaying(text: string) {
  const at = new Date();
  const wamid = newWamid();
  const recorded: Conversation = await conversations.recordInbound({
    businessPhoneNumberId: '831049713436137',
    customerWaId: newCustomerWaId(),
    profileName: 'Asha',
    wamid,
    at: at.toISOString(),
    atMs: at.getTime(),
    awaitsReply: { receivedMs: at.getTime() },
  });
  const conversation = await replies.claim(recorded.id, {
    owner: wamid,
    nowMs: Date.now(),
    leaseMs: 60_000,
    debounceMs: 0,
    capMs: 0,
  });
  if (!conversation) throw new Error('not claimed');
  const request = {
    requestId: wamid,
    effects: new BotEffects(replies, recorded.id, wamid, conversation, 10_000),
  };
  return { conversation, turns: [{ role: 'customer' as const, wamid, text, atMs: at.getTime() }], request };
}

describe('answering a customer', () => {
  it('hands over through the tool when the customer asks for a person, within the default budgets', async () => {
    const { conversation, turns, request } = await customerSaying('I want to talk to a person');
    const answer = await answerCustomer(agent(), conversation, turns, request);
    expect(answer.handedOff).toBe(true);
    expect((await conversations.get(conversation.id))?.state).toBe('waiting_for_human');
  });

  it('starts no further model round once the reply has spent its token budget', async () => {
    const { conversation, turns, request } = await customerSaying('I want to talk to a person');
    await expect(
      answerCustomer(agent({ replyTokenBudget: 10 }), conversation, turns, request),
    ).rejects.toThrow(UpstreamError);
    // The tool the model asked for never ran: the platform's fallback decides what happens next.
    expect((await conversations.get(conversation.id))?.state).toBe('bot');
  });
});
