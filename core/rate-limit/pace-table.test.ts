import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysRequested } from '../../test/keys-requested.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { PaceTable } from './pace-table.ts';

const config = testConfig();
const ownKey = () => `test:${randomUUID()}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A process of its own (its own memory of the lines), with the requests it makes counted. */
function processWithCountedRequests() {
  const { documents } = testClients();
  return { table: new PaceTable(documents, config.tables.rateLimits), requests: keysRequested(documents) };
}

describe('PaceTable', () => {
  it('takes slots with one write, whether the line reaches ahead or had lapsed when last seen', async () => {
    const key = ownKey();
    const { table, requests } = processWithCountedRequests();
    const first = await table.reserve(key, 1, 10, Date.now());
    expect(first).toHaveProperty('startMs');
    requests.length = 0;
    // Seen to reach ahead: appended to, in one write.
    await table.reserve(key, 1, 10, Date.now());
    expect(requests).toEqual([key]);
    // Seen to have lapsed: started, in one write (not a failed append first).
    await pause(30);
    requests.length = 0;
    const now = Date.now();
    expect(await table.reserve(key, 1, 10, now)).toEqual({ startMs: now });
    expect(requests).toEqual([key]);
  });

  it('answers a bulk reservation from memory when the line was seen to reach beyond its latest start', async () => {
    const key = ownKey();
    const { table, requests } = processWithCountedRequests();
    const now = Date.now();
    await table.reserve(key, 50, 10, now);
    requests.length = 0;
    expect(await table.reserve(key, 1, 10, now + 1, now + 100)).toEqual({ busyUntilMs: now + 500 });
    expect(requests).toEqual([]);
  });

  it('keeps two processes apart when one remembers the line as lapsed and another has started it since', async () => {
    const key = ownKey();
    const [first, second] = [processWithCountedRequests(), processWithCountedRequests()];
    await first.table.reserve(key, 1, 10, Date.now());
    await pause(30);
    const started = await second.table.reserve(key, 20, 10, Date.now());
    // The first still remembers the line as lapsed: its start fails, and it appends after the second's 20 slots.
    const appended = await first.table.reserve(key, 1, 10, Date.now());
    expect('startMs' in started && 'startMs' in appended).toBe(true);
    if ('startMs' in started && 'startMs' in appended)
      expect(appended.startMs).toBeGreaterThanOrEqual(started.startMs + 200);
  });
});
