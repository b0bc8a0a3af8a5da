import { describe, expect, it } from 'vitest';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { EvalCase } from '../dataset/eval-case.ts';
import { simulatorChannel } from '../run/customer-channel.ts';
import { type EvalWorld, runCase } from '../run/run-case.ts';
import { pastConversation } from './past-conversation.ts';
import { conductOf, shadowChange, shadowMarkdown, shadowSummary } from './shadow-diff.ts';

const config = testConfig();
const clients = testClients();
const number = { phone: '919330994400', metaId: '831049713436137' };
const world: EvalWorld = {
  config,
  clients,
  customers: simulatorChannel(`${config.local.awsEndpoint}/sim/api`, number),
  number,
};
const conversationOf = (turns: string[]) =>
  EvalCase.parse({ id: 'past', category: 'shadow', language: 'en', turns, expect: {} });

describe('shadow replay of stored conversations', () => {
  it('reads what the bot did from the records, redacted, and a replay on the same platform changes nothing that matters', async () => {
    const then = await runCase(
      world,
      conversationOf([
        'What are your office hours?',
        'I want to talk to a person: +91 98765 43210 or priya@example.in',
      ]),
    );
    const past = await pastConversation(config, clients, String(then.conversationId));
    expect(past?.label).toMatch(/^shadow-[0-9a-f]{10}$/);
    expect(past?.turns).toEqual([
      'What are your office hours?',
      'I want to talk to a person: +91 00000 00000 or customer@example.com',
    ]);
    expect(JSON.stringify(past)).not.toMatch(/98765|priya@|919|831049713436137/);
    expect(past?.recorded).toMatchObject({
      citations: ['About WECARE.DIGITAL and our hours'],
      handoff: { handedOver: true, reason: 'customer-asked' },
    });
    expect(past?.recorded.answers.some((answer) => answer.includes('10:00'))).toBe(true);
    expect(past?.recorded.tools).toContain('request_human');

    const now = await runCase(world, conversationOf(past?.turns ?? []));
    const change = shadowChange(past as NonNullable<typeof past>, conductOf(now));
    expect(change.changed).toMatchObject({
      citations: { added: [], removed: [] },
      tools: { added: [], removed: [] },
      handoff: false,
    });
  });

  it('replays only what the bot answered: a conversation stops at the first takeover', async () => {
    const then = await runCase(world, conversationOf(['What are your office hours?']));
    const conversationId = String(then.conversationId);
    await ConversationOwnership.from(config, clients).takeover(conversationId, 'evals.agent');
    const waId = conversationId.split('#')[1] as string;
    await world.customers.say(waId, 'Customer', 'Thanks, and the price of the website?');
    await expect
      .poll(
        async () => (await world.customers.chat(waId)).filter((message) => message.direction === 'in').length,
      )
      .toBe(2);
    const past = await pastConversation(config, clients, conversationId);
    expect(past?.turns).toEqual(['What are your office hours?']);
    expect(past?.recorded.answers).toHaveLength(1);
  });
});

describe('the shadow diff', () => {
  const past = {
    label: 'shadow-0123456789',
    turns: ['How much is the website?'],
    recorded: {
      answers: ['The Website Starter is ₹14,999. https://wecare.digital/l/old'],
      citations: ['Price list'],
      tools: [],
      handoff: { handedOver: false, reason: null },
    },
  };

  it('names a changed handoff decision, tool calls and citations, and reports them first', () => {
    const handedOver = shadowChange(past, {
      answers: ['Let me connect you with a person.'],
      citations: [],
      tools: ['request_human'],
      handoff: { handedOver: true, reason: 'kb-gap' },
    });
    expect(handedOver.changed).toEqual({
      answers: true,
      citations: { added: [], removed: ['Price list'] },
      tools: { added: ['request_human'], removed: [] },
      handoff: true,
    });
    // The same answer with another link is the same answer.
    const same = shadowChange(past, {
      ...past.recorded,
      answers: ['The Website Starter is ₹14,999.  https://wecare.digital/l/new'],
    });
    expect(same.changed.answers).toBe(false);
    const failed = shadowChange(
      { ...past, label: 'shadow-failed0000' },
      { error: 'The bot had not finished' },
    );
    const conversations = [same, handedOver, failed];
    const summary = shadowSummary(conversations);
    expect(summary).toEqual({
      conversations: 3,
      failed: 1,
      answersChanged: 1,
      citationsChanged: 1,
      toolsChanged: 1,
      handoffsChanged: 1,
    });
    const markdown = shadowMarkdown({
      schemaVersion: 1,
      runAt: '2026-12-01T00:00:00.000Z',
      source: 'the local world',
      replayedWith: 'the offline stand-in',
      conversations,
      summary,
    });
    expect(markdown).toContain('- **Handoff**: kept it → handed over (kb-gap)');
    expect(markdown.indexOf('shadow-failed0000')).toBeLessThan(markdown.indexOf('shadow-0123456789'));
    expect(markdown).not.toContain(
      '## shadow-0123456789\n\nCustomer: "How much is the website?"\n\nThen:\n> The Website',
    );
  });
});
