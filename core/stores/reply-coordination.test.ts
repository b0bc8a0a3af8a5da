import { describe, expect, it } from 'vitest';
import { newCustomerWaId, newWamid } from '../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { conversationIdOf, pendingEntriesOf } from './conversation.ts';
import { ConversationStore } from './conversation-store.ts';
import { ReplyCoordination } from './reply-coordination.ts';

const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const replies = new ReplyCoordination(clients.documents, config.tables.conversations);
const phone = '831049713436137';
const timing = { leaseMs: 30_000, debounceMs: 2000, capMs: 6000 };

function customer() {
  const waId = newCustomerWaId();
  const id = conversationIdOf(phone, waId);
  const write = (wamid: string, receivedMs: number, atMs = receivedMs, awaitsReply = true) =>
    conversations.recordInbound({
      businessPhoneNumberId: phone,
      customerWaId: waId,
      profileName: 'Asha',
      wamid,
      at: new Date(atMs).toISOString(),
      atMs,
      ...(awaitsReply ? { awaitsReply: { receivedMs } } : {}),
    });
  return { id, write };
}

describe('reply coordination on the conversation item', () => {
  it('keeps a message pending once, however often it is delivered, and never again once answered', async () => {
    const { id, write } = customer();
    const wamid = newWamid();
    const now = Date.now();
    await write(wamid, now);
    const again = await write(wamid, now);
    expect(pendingEntriesOf(again)).toEqual([{ wamid, receivedMs: now }]);
    expect(again).toMatchObject({ pendingSinceMs: now, awaitingPhone: phone });
    const claimed = await replies.claim(id, { owner: 'job-1', nowMs: now + 2500, ...timing });
    expect(
      await replies.settle(id, { entries: pendingEntriesOf(claimed ?? {}), leaseOwner: 'job-1' }),
    ).toEqual([]);
    const redelivered = await write(wamid, now);
    expect(redelivered.pendingReplies).toBeUndefined();
    expect(redelivered.pendingSinceMs).toBeUndefined();
    expect(redelivered.lease).toBeUndefined();
  });

  it('does not count a reaction (no reply needed) as the latest message to wait for', async () => {
    const { id, write } = customer();
    const now = Date.now();
    await write(newWamid(), now);
    await write(newWamid(), now + 1500, now + 1500, false);
    // Quiet for the debounce after the question: the reaction does not restart it.
    expect(await replies.claim(id, { owner: 'job-1', nowMs: now + 2100, ...timing })).toBeDefined();
  });

  it('claims only after the customer paused, or once the oldest message waited the cap, and one job at a time', async () => {
    const { id, write } = customer();
    const start = Date.now();
    for (let second = 0; second <= 5; second += 1) await write(newWamid(), start + second * 1000);
    expect(await replies.claim(id, { owner: 'early', nowMs: start + 5500, ...timing })).toBeUndefined();
    const capped = await replies.claim(id, { owner: 'capped', nowMs: start + 6000, ...timing });
    expect(pendingEntriesOf(capped ?? {})).toHaveLength(6);
    expect(await replies.claim(id, { owner: 'second', nowMs: start + 9000, ...timing })).toBeUndefined();
    // A crashed answer's lease runs out, and another job may then answer.
    expect(
      await replies.claim(id, { owner: 'after-crash', nowMs: start + 6000 + 30_001, ...timing }),
    ).toBeDefined();
  });

  it('leaves a message that arrived during the answer pending, waiting in the index since it arrived', async () => {
    const { id, write } = customer();
    const now = Date.now();
    const first = newWamid();
    await write(first, now);
    const claimed = await replies.claim(id, { owner: 'job-1', nowMs: now + 2000, ...timing });
    const followUp = newWamid();
    await write(followUp, now + 3000);
    const remaining = await replies.settle(id, {
      entries: pendingEntriesOf(claimed ?? {}),
      ...(claimed ? { snapshot: claimed } : {}),
      leaseOwner: 'job-1',
    });
    expect(remaining).toEqual([{ wamid: followUp, receivedMs: now + 3000 }]);
    const after = await conversations.get(id);
    expect(after).toMatchObject({ pendingSinceMs: now + 3000, awaitingPhone: phone });
    expect(after?.lease).toBeUndefined();
    const waiting = await replies.waitingSince(phone, now + 3001);
    expect(waiting.map((conversation) => conversation.id)).toContain(id);
  });

  it('keeps the window where it is for a late older message, which still waits for its answer', async () => {
    const { id, write } = customer();
    const now = Date.now();
    await write(newWamid(), now, now);
    const late = newWamid();
    const conversation = await write(late, now + 100, now - 60_000);
    expect(conversation.lastInboundAtMs).toBe(now);
    expect(pendingEntriesOf(conversation).map((entry) => entry.wamid)).toContain(late);
    expect((await conversations.get(id))?.lastPendingReceivedMs).toBe(now + 100);
  });

  it('refuses an effect once a person took over, and makes a takeover wait for an effect in flight', async () => {
    const { id, write } = customer();
    const now = Date.now();
    await write(newWamid(), now);
    const claimed = await replies.claim(id, { owner: 'job-1', nowMs: now + 2000, ...timing });
    const expected = { state: 'bot' as const, version: claimed?.version ?? -1 };
    expect(
      await replies.reserveEffect(id, {
        key: 'reply:a',
        owner: 'job-1',
        expected,
        untilMs: Date.now() + 10_000,
      }),
    ).toBe('reserved');
    await expect(conversations.takeover(id, 'agent-meera', new Date().toISOString())).rejects.toMatchObject({
      details: { reason: 'effect-in-flight' },
    });
    await replies.release(id, { effectKey: 'reply:a' });
    await conversations.takeover(id, 'agent-meera', new Date().toISOString());
    expect(
      await replies.reserveEffect(id, {
        key: 'reply:b',
        owner: 'job-1',
        expected,
        untilMs: Date.now() + 10_000,
      }),
    ).toBe('refused');
  });

  it('keeps the recent turns on the conversation, cut back to the latest when long, none lost', async () => {
    const waId = newCustomerWaId();
    const start = Date.now();
    let last: Awaited<ReturnType<typeof conversations.recordInbound>> | undefined;
    const wamids: string[] = [];
    for (let index = 0; index < 45; index += 1) {
      const wamid = newWamid();
      wamids.push(wamid);
      last = await conversations.recordInbound({
        businessPhoneNumberId: phone,
        customerWaId: waId,
        profileName: 'Asha',
        wamid,
        at: new Date(start + index).toISOString(),
        atMs: start + index,
        turn: { role: 'customer', wamid, text: `message ${index}`, atMs: start + index },
      });
    }
    const stored = await conversations.get(last?.id ?? '');
    const kept = stored?.recentTurns ?? [];
    expect(kept.length).toBeLessThanOrEqual(40);
    expect(kept.length).toBeGreaterThanOrEqual(20);
    // The most recent turns, in order, ending with the last message.
    expect(kept.map((turn) => turn.wamid)).toEqual(wamids.slice(-kept.length));
  });
});
