import { describe, expect, it } from 'vitest';
import { testConsole } from '../../test/console-client.ts';
import { customerWrites } from '../../test/console-data.ts';
import { sentTo } from '../../test/stand-in-outbox.ts';
import { replyAsAgent } from './agent-reply.ts';

const { desk } = testConsole();
const rounds = 12;

describe("the owner's reply racing a release", () => {
  it('is sent while the person owns the conversation or not at all, never after it went back to the bot', {
    timeout: 120_000,
  }, async () => {
    const outcomes = { sent: 0, refused: 0 };
    for (let round = 0; round < rounds; round += 1) {
      const { id, waId } = await customerWrites('I want to talk to a person');
      await desk.ownership.takeover(id, 'meera.operator');
      const text = `Race ${round}: here is the answer to your question.`;
      const [reply, release] = await Promise.allSettled([
        replyAsAgent(desk, {
          conversationId: id,
          agentId: 'meera.operator',
          requestId: `race-${round}`,
          reply: { text },
        }),
        desk.ownership.release(id, 'meera.operator', 'Race test: released mid-reply.'),
      ]);
      expect(release.status).toBe('fulfilled');
      const released = await desk.conversations.get(id);
      expect(released?.state).toBe('bot');
      const sent = (await sentTo(waId)).filter((message) => JSON.stringify(message.message).includes(text));
      if (reply.status === 'fulfilled') {
        outcomes.sent += 1;
        expect(sent).toHaveLength(1);
        // Sent before the release began the bot's new epoch.
        expect(Date.parse(sent[0]?.sentAt ?? '')).toBeLessThanOrEqual(
          Date.parse(released?.epochStartedAt ?? ''),
        );
      } else {
        outcomes.refused += 1;
        expect(reply.reason).toMatchObject({ httpStatus: 409 });
        expect(sent).toEqual([]);
      }
    }
    expect(outcomes.sent + outcomes.refused).toBe(rounds);
  });
});
