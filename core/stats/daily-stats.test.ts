import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { countersOf, DailyStats } from './daily-stats.ts';
import { dashboardView, lastDays } from './dashboard-view.ts';

const config = testConfig();
const { documents } = testClients();
const stats = DailyStats.fromConfig(config, documents);
/** A stretch of days of this test's own, far in the past: no other test counts into them. */
const ownDays = (offset: number) =>
  Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000 + offset;

describe('DailyStats against the local DynamoDB', () => {
  it("counts into the business's day (India), each counter added atomically, read back per day", async () => {
    expect(stats.dayOf(Date.parse('2026-11-30T18:29:00Z'))).toBe('2026-11-30');
    expect(stats.dayOf(Date.parse('2026-11-30T18:31:00Z'))).toBe('2026-12-01');
    const atMs = ownDays(6 * 3600 * 1000);
    await Promise.all([
      ...Array.from({ length: 5 }, () => stats.count({ kind: 'message-in', channel: 'whatsapp' }, atMs)),
      stats.count({ kind: 'message-out', channel: 'whatsapp', sentBy: 'bot' }, atMs),
      stats.count({ kind: 'message-out', channel: 'whatsapp', sentBy: 'agent' }, atMs),
      stats.count({ kind: 'message-out', channel: 'sms' }, atMs),
      stats.count({ kind: 'handoff', reason: 'out-of-kb' }, atMs),
      stats.count({ kind: 'whatsapp-failed', errorCodes: [131047] }, atMs),
      stats.count({ kind: 'human-reply', waitMs: 4 * 60_000 }, atMs),
    ]);
    const [day] = await stats.days([stats.dayOf(atMs)]);
    expect(day?.counters).toEqual({
      'in.whatsapp': 5,
      'out.whatsapp': 2,
      'out.whatsapp.by.bot': 1,
      'out.whatsapp.by.agent': 1,
      'out.sms': 1,
      handoffs: 1,
      'handoff.out-of-kb': 1,
      'failed.whatsapp': 1,
      'failed.whatsapp.131047': 1,
      'human-replies': 1,
      'human-wait.le.300': 1,
      'human-wait.sum-ms': 240_000,
    });
  });

  it('builds the dashboard from the days alone: totals, rankings, the median wait', async () => {
    const nowMs = ownDays(12 * 3600 * 1000);
    const yesterday = nowMs - 86_400_000;
    for (const [reason, times] of [
      ['out-of-kb', 3],
      ['customer-asked', 1],
    ] as const)
      for (let time = 0; time < times; time += 1) await stats.count({ kind: 'handoff', reason }, yesterday);
    for (const waitMs of [30_000, 200_000, 250_000, 3_000_000])
      await stats.count({ kind: 'human-reply', waitMs }, nowMs);
    await stats.count({ kind: 'whatsapp-failed', errorCodes: [131026, 131047] }, nowMs);
    await stats.count({ kind: 'message-in', channel: 'whatsapp' }, yesterday);
    const view = await dashboardView(stats, 7, nowMs);
    expect(view.days.map((day) => day.day)).toEqual(lastDays(stats, 7, nowMs));
    expect(view.days.at(-2)).toMatchObject({ whatsAppIn: 1, handoffs: 4 });
    expect(view.totals).toMatchObject({ whatsAppIn: 1, handoffs: 4, failed: 1 });
    expect(view.handoffReasons).toEqual([
      { reason: 'out-of-kb', count: 3 },
      { reason: 'customer-asked', count: 1 },
    ]);
    expect(view.failuresByCode).toEqual([
      { code: '131026', count: 1 },
      { code: '131047', count: 1 },
    ]);
    // 30 s, 200 s, 250 s, 50 min: half are answered within 5 minutes.
    expect(view.humanReply).toEqual({
      replies: 4,
      medianWithinSeconds: 300,
      medianOverADay: false,
      meanSeconds: 870,
    });
  });

  it('names counters safely whatever the reason or code says', () => {
    expect(countersOf({ kind: 'handoff', reason: 'Out of KB! (draft)' })).toEqual([
      'handoffs',
      'handoff.out-of-kb-draft',
    ]);
    expect(countersOf({ kind: 'whatsapp-failed', errorCodes: [] })).toEqual([
      'failed.whatsapp',
      'failed.whatsapp.unknown',
    ]);
    expect(countersOf({ kind: 'human-reply', waitMs: 2 * 86_400_000 })).toEqual([
      'human-replies',
      'human-wait.le.inf',
    ]);
  });
});
