import { describe, expect, it } from 'vitest';
import { pendingEntriesOf } from '#core/stores/conversation.ts';
import { turnsFromTranscript } from '#core/stores/conversation-history.ts';
import { platform } from '#functions/composition-root.ts';
import { bot as platformBot } from '#functions/parts/bot.ts';
import { newCustomerWaId, newWamid } from '../../test/inbound-helpers.ts';
import { sentTo } from '../../test/stand-in-outbox.ts';
import { waitingMessage } from '../../test/waiting-message.ts';
import { answerPendingMessages } from './answer-pending-messages.ts';

const phone = '831049713436137';

/** A customer message stored and pending, as the inbound function leaves it, without a job. */
const pendingMessage = (waId: string, text: string) =>
  waitingMessage(platform(), {
    number: { metaPhoneNumberId: phone, metaWabaId: '1347766229904230' },
    waId,
    text,
  });

describe('answerPendingMessages after a crash', () => {
  it('does not send again the part of a reply that went out before the answer crashed', async () => {
    const waId = newCustomerWaId();
    const { wamid, conversation } = await pendingMessage(waId, 'What are your office hours?');
    const bot = platformBot();
    // The crashed attempt: it held the lease (now run out), reserved its reply, sent the first part.
    const crashed = await bot.replies.claim(conversation.id, {
      owner: 'crashed-job',
      nowMs: Date.now(),
      leaseMs: 1,
      debounceMs: 0,
      capMs: 0,
    });
    expect(
      await bot.replies.reserveEffect(conversation.id, {
        key: `reply:${wamid}`,
        owner: 'crashed-job',
        expected: { state: 'bot', version: crashed?.version ?? -1 },
        untilMs: Date.now() + 60_000,
      }),
    ).toBe('reserved');
    await bot.sender.send(
      {
        idempotencyKey: `reply:${wamid}:0`,
        from: phone,
        to: waId,
        content: { type: 'text', body: 'We are open Monday to Saturday.' },
        sentBy: { kind: 'bot' },
      },
      { onceByCaller: true, conversationUpdatedByCaller: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));

    const outcome = await answerPendingMessages(
      { jobId: 'retry-job', conversationId: conversation.id, reason: 'reconcile', enqueuedAtMs: Date.now() },
      bot,
    );
    expect(outcome).toBe('answered');
    expect(await sentTo(waId)).toHaveLength(1);
    const after = await bot.conversations.get(conversation.id);
    expect(pendingEntriesOf(after ?? {})).toEqual([]);
    expect(after?.effect).toBeUndefined();
    expect(after?.lease).toBeUndefined();
  });
});

describe('answerPendingMessages when the customer answers at once', () => {
  it('keeps a reply that arrives while the send is still returning after the message it answers', async () => {
    const waId = newCustomerWaId();
    const { conversation } = await pendingMessage(waId, 'Do you repair washing machines?');
    const bot = platformBot();
    let yes: string | undefined;
    // The customer reads the bot's message and answers before the send call has returned to the bot.
    const quickCustomer = {
      ...bot,
      sender: Object.assign(Object.create(bot.sender), {
        send: async (...args: Parameters<typeof bot.sender.send>) => {
          const result = await bot.sender.send(...args);
          await new Promise((resolve) => setTimeout(resolve, 5));
          yes = newWamid();
          const at = new Date();
          await bot.conversations.recordInbound({
            businessPhoneNumberId: phone,
            customerWaId: waId,
            profileName: 'Asha',
            wamid: yes,
            at: at.toISOString(),
            atMs: at.getTime(),
            awaitsReply: { receivedMs: at.getTime() },
            turn: { role: 'customer', wamid: yes, text: 'Yes please', atMs: at.getTime() },
          });
          await new Promise((resolve) => setTimeout(resolve, 5));
          return result;
        },
      }),
    };

    const outcome = await answerPendingMessages(
      { jobId: 'quick-job', conversationId: conversation.id, reason: 'reconcile', enqueuedAtMs: Date.now() },
      quickCustomer,
    );
    expect(outcome).toBe('answered');
    const after = await bot.conversations.get(conversation.id);
    const turns = turnsFromTranscript(after ?? {}) ?? [];
    expect(turns.map((turn) => turn.role)).toEqual(['customer', 'business', 'customer']);
    expect(turns.at(-1)?.wamid).toBe(yes);
    // The quick answer is still waiting for the bot's next reply.
    expect(pendingEntriesOf(after ?? {}).map((entry) => entry.wamid)).toEqual([yes]);
  });
});
