import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#core/errors/app-errors.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { newCustomerWaId, newWamid } from '../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { ConversationOwnership } from './conversation-ownership.ts';

const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
const ownership = ConversationOwnership.from(config, clients);
const replies = new ReplyCoordination(clients.documents, config.tables.conversations);

async function botConversation(): Promise<string> {
  const waId = newCustomerWaId();
  const at = new Date();
  await conversations.recordInbound({
    businessPhoneNumberId: '831049713436137',
    customerWaId: waId,
    profileName: 'Asha',
    wamid: newWamid(),
    at: at.toISOString(),
    atMs: at.getTime(),
    awaitsReply: { receivedMs: at.getTime() },
  });
  return conversationIdOf('831049713436137', waId);
}

describe('conversation ownership', () => {
  it('lets a human take over, and then no effect of the bot reserved against the older version can happen', async () => {
    const id = await botConversation();
    const before = await conversations.get(id);
    expect(before).toMatchObject({ state: 'bot', version: 0 });
    const lease = await replies.claim(id, {
      owner: 'job',
      nowMs: Date.now(),
      leaseMs: 60_000,
      debounceMs: 0,
      capMs: 0,
    });
    const taken = await ownership.takeover(id, 'agent-meera');
    expect(taken).toMatchObject({ state: 'human', ownerAgentId: 'agent-meera', version: 1 });
    expect(
      await replies.reserveEffect(id, {
        key: 'reply:x',
        owner: 'job',
        expected: { state: 'bot', version: lease?.version ?? 0 },
        untilMs: Date.now() + 5000,
      }),
    ).toBe('refused');
    expect(await ownership.takeover(id, 'agent-meera')).toMatchObject({ version: 1 });
    await expect(ownership.takeover(id, 'agent-ravi')).rejects.toBeInstanceOf(ConflictError);
  });

  it('never lets a bot effect and a takeover interleave: the takeover waits for the effect to end', async () => {
    const id = await botConversation();
    const claimed = await replies.claim(id, {
      owner: 'job',
      nowMs: Date.now(),
      leaseMs: 60_000,
      debounceMs: 0,
      capMs: 0,
    });
    const expected = { state: 'bot' as const, version: claimed?.version ?? 0 };
    expect(
      await replies.reserveEffect(id, { key: 'reply:y', owner: 'job', expected, untilMs: Date.now() + 5000 }),
    ).toBe('reserved');
    const events: string[] = [];
    const takeover = ownership.takeover(id, 'agent-meera').then(() => events.push('takeover'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    events.push('effect-ended');
    await replies.release(id, { effectKey: 'reply:y' });
    await takeover;
    expect(events).toEqual(['effect-ended', 'takeover']);
    expect(
      await replies.reserveEffect(id, { key: 'reply:z', owner: 'job', expected, untilMs: Date.now() + 5000 }),
    ).toBe('refused');
  });

  it('queues a handoff for humans with a notification, and a release starts a new epoch with the summary', async () => {
    const id = await botConversation();
    const waiting = await ownership.requestHuman(id, {
      reason: 'customer-asked',
      summary: 'Wants a refund for INV-0042',
      facts: { invoice: 'INV-0042' },
    });
    expect(waiting).toMatchObject({ state: 'waiting_for_human', handoff: { reason: 'customer-asked' } });
    await expect(
      ownership.requestHuman(id, { reason: 'customer-asked', summary: 'again' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await ownership.list('waiting_for_human')).map((conversation) => conversation.id)).toContain(id);
    await ownership.takeover(id, 'agent-ravi');
    await expect(ownership.release(id, 'agent-meera', 'not mine')).rejects.toBeInstanceOf(ConflictError);
    const released = await ownership.release(
      id,
      'agent-ravi',
      'Refund approved; invoice INV-0042 will be refunded in 5–7 days.',
    );
    expect(released).toMatchObject({
      state: 'bot',
      ownerAgentId: null,
      epoch: 1,
      humanSummary: expect.stringContaining('Refund approved'),
    });
    const actions = (await audit.forConversation(id)).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['request-human', 'notify-human-agents', 'takeover', 'release']),
    );
  });

  it('is driven by npm run conversations', async () => {
    const id = await botConversation();
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [
        '--import',
        'tsx',
        'agent/router/conversations-cli.ts',
        ...args,
      ]);
    expect((await run('takeover', id, '--agent', 'agent-cli')).stdout).toContain(
      `${id} is now human (version 1)`,
    );
    const listed = JSON.parse((await run('list', '--state', 'human', '--json')).stdout) as Array<{
      id: string;
    }>;
    expect(listed.map((row) => row.id)).toContain(id);
    expect((await run('release', id, '--agent', 'agent-cli', '--summary', 'Done')).stdout).toContain(
      `${id} is now bot (version 2)`,
    );
  });
});
