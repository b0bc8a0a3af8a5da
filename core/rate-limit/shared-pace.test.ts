import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { PaceTable } from './pace-table.ts';
import { SharedPace } from './shared-pace.ts';

const config = testConfig();
const { documents } = testClients();
const table = new PaceTable(documents, config.tables.rateLimits);
/** A key of the test's own: no other test's sends share its line. */
const ownKey = () => `test:${randomUUID()}`;
/** Two processes (or Lambda instances) are two paces of their own over the one table. */
const process = (key: string, rate: number, bulkHorizonMs = 250) =>
  new SharedPace(table, key, rate, { bulkHorizonMs, maxBatch: 10 });

describe('SharedPace over RateLimitsTable', () => {
  it('gives the senders of two processes slots at least one interval apart, never more than the rate in a second', async () => {
    const key = ownKey();
    const [first, second] = [process(key, 200), process(key, 200)];
    const slots = await Promise.all(
      Array.from({ length: 240 }, (_, index) => (index % 2 === 0 ? first : second).acquire('reply')),
    );
    slots.sort((left, right) => left - right);
    const gaps = slots.slice(1).map((slot, index) => slot - (slots[index] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5 - 1e-6);
    const mostInASecond = Math.max(
      ...slots.map((start) => slots.filter((slot) => slot >= start && slot < start + 1000).length),
    );
    expect(mostInASecond).toBeLessThanOrEqual(200);
  });

  it('starts a lapsed line at once: a sender after a quiet spell does not wait', async () => {
    const pace = process(ownKey(), 2);
    await pace.acquire('reply');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const askedAt = Date.now();
    const slot = await pace.acquire('reply');
    expect(slot).toBeGreaterThanOrEqual(askedAt - 1);
    expect(slot).toBeLessThan(askedAt + 500);
  });

  it('puts a reply from another process ahead of the bulk sends already waiting', async () => {
    const key = ownKey();
    const bulkProcess = process(key, 20, 200);
    const replyProcess = process(key, 20, 200);
    const bulk = Array.from({ length: 30 }, () => bulkProcess.acquire('bulk'));
    await bulk[0];
    const reply = await replyProcess.acquire('reply');
    const bulkSlots = await Promise.all(bulk);
    // 30 bulk sends take 1.5 s at 20 a second; the reply waited only for the few within the horizon.
    expect(bulkSlots.filter((slot) => slot > reply).length).toBeGreaterThanOrEqual(20);
    const all = [...bulkSlots, reply].sort((left, right) => left - right);
    expect(
      Math.min(...all.slice(1).map((slot, index) => slot - (all[index] as number))),
    ).toBeGreaterThanOrEqual(50 - 1e-6);
  });

  it('fails the waiting senders when the table cannot be reached, rather than holding them', async () => {
    const missing = new SharedPace(new PaceTable(documents, 'no-such-table'), ownKey(), 10, {
      bulkHorizonMs: 250,
      maxBatch: 10,
    });
    await expect(Promise.all([missing.acquire('reply'), missing.acquire('bulk')])).rejects.toThrow(
      /non-existent|not found|ResourceNotFound/i,
    );
  });
});
