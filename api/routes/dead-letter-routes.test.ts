import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { deadLetterQueueFor } from '#channels/dead-letters/replay-dead-letters.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { bearer, callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { sentTo } from '../../test/stand-in-outbox.ts';

const config = testConfig();
const app = consoleApp(consoleDependencies(config, testClients()));
const [wecare] = businessNumbers(config) as [BusinessNumber];
// The bulk jobs' queue: no other test writes there, so this test's letters are the only ones.
const bulk = deadLetterQueueFor(config, testClients(), 'bulk');

const call = callerOf(app);

type Letter = { id: string; kind: string; reason: string; preview: string };
type Result = { id: string; outcome: string };

describe('dead letters in the console', () => {
  it('lists a letter masked, replays the chosen one through its function once, and audits it', {
    timeout: 60_000,
  }, async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const customer = newCustomerWaId();
    const event = inboundLambdaEvent(config, wecare, {
      contacts: [{ profile: { name: 'Rina' }, wa_id: customer }],
      messages: [
        {
          from: customer,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: 'What are your office hours?' },
        },
      ],
    });
    const letter = await bulk.send({
      kind: 'whatsapp-inbound',
      error: { code: 'upstream', message: `DynamoDB was unavailable for +${customer}` },
      disposition: 'retry',
      payload: event,
    });

    const depths = (await (await call(admin, 'GET', '/api/dead-letters')).json()) as {
      queues: Array<{ queue: string; waiting: number }>;
    };
    expect(depths.queues.map((queue) => queue.queue).sort()).toEqual([
      'agent',
      'bulk',
      'inbound',
      'outbound',
      'whatsapp-inbound',
    ]);
    expect(depths.queues.find((queue) => queue.queue === 'bulk')?.waiting).toBeGreaterThan(0);
    const { letters } = (await (await call(admin, 'GET', '/api/dead-letters/bulk')).json()) as {
      letters: Letter[];
    };
    const listed = letters.find((candidate) => candidate.id === letter.id);
    expect(listed).toMatchObject({ kind: 'whatsapp-inbound' });
    // The customer's number is masked wherever it appears.
    expect(JSON.stringify(listed)).not.toContain(customer);
    expect(listed?.reason).toContain(customer.slice(-4));

    const replayed = await call(admin, 'POST', '/api/dead-letters/bulk/replay', { ids: [letter.id] });
    expect(replayed.status).toBe(200);
    expect(((await replayed.json()) as { results: Result[] }).results).toEqual([
      expect.objectContaining({ id: letter.id, outcome: 'replayed' }),
    ]);
    // The event reaches the bot as if it had arrived on time: the customer is answered, once.
    await expect.poll(async () => (await sentTo(customer)).length, { timeout: 20_000 }).toBe(1);
    const again = await call(admin, 'POST', '/api/dead-letters/bulk/replay', { ids: [letter.id] });
    expect(((await again.json()) as { results: Result[] }).results).toEqual([
      expect.objectContaining({ id: letter.id, outcome: 'not-found' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await sentTo(customer)).toHaveLength(1);

    const audit = (await (
      await call(admin, 'GET', `/api/audit?actor=${staffUsers.admin}&action=dead-letters-replayed&limit=5`)
    ).json()) as {
      items: Array<{ details: { queue: string; letters: string[]; outcomes: Record<string, number> } }>;
    };
    expect(audit.items.map((entry) => entry.details)).toContainEqual(
      expect.objectContaining({ queue: 'bulk', letters: [letter.id], outcomes: { replayed: 1 } }),
    );
  });

  it('is for Admins only, and refuses an unknown queue or a malformed selection', async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    expect((await call(operator, 'GET', '/api/dead-letters')).status).toBe(403);
    expect((await call(operator, 'POST', '/api/dead-letters/bulk/replay', {})).status).toBe(403);
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    expect((await call(admin, 'GET', '/api/dead-letters/nope')).status).toBe(400);
    expect((await call(admin, 'POST', '/api/dead-letters/bulk/replay', { ids: [] })).status).toBe(400);
    // Nothing ticked is no choice: it replays nothing (the next letters need asking for).
    expect((await call(admin, 'POST', '/api/dead-letters/bulk/replay', {})).status).toBe(400);
    expect((await call(admin, 'POST', '/api/dead-letters/bulk/replay', { ids: 'all' })).status).toBe(400);
    const page = await (
      await app.request('/console/dead-letters?queue=bulk', { headers: bearer(admin) })
    ).text();
    expect(page).toContain('Replay the chosen letters');
  });
});
