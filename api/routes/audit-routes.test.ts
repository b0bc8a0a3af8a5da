import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { customerWrites } from '../../test/console-data.ts';
import { callerOf, newStaffMember, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';

const dependencies = consoleDependencies(testConfig(), testClients());
const app = consoleApp(dependencies);

type Entry = {
  id: string;
  actorId: string;
  action: string;
  conversationId?: string;
  atMs: number;
  details?: Record<string, unknown>;
};
type Page = { items: Entry[]; nextCursor?: string };

const call = callerOf(app);

const read = async (token: string, query: string): Promise<Page> => {
  const response = await call(token, 'GET', `/api/audit?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
};

describe('the audit log', () => {
  it('holds every change with who, what, when and the outcome, failures included', async () => {
    const { id } = await customerWrites('I want to talk to a person');
    const conversation = `/api/conversations/${encodeURIComponent(id)}`;
    const sumita = (await tokensOf(staffUsers.operator)).access_token;
    const view = (await (await call(sumita, 'GET', conversation)).json()) as {
      conversation: { version: number };
    };
    expect(
      (await call(sumita, 'POST', `${conversation}/takeover`, { version: view.conversation.version })).status,
    ).toBe(200);
    // The same takeover again, on the version it has moved past: refused, and audited as such.
    expect(
      (await call(sumita, 'POST', `${conversation}/takeover`, { version: view.conversation.version })).status,
    ).toBe(409);
    expect(
      (await call(sumita, 'POST', `${conversation}/reply`, { text: 'Hello from the audit test.' })).status,
    ).toBe(200);
    expect(
      (await call(sumita, 'POST', `${conversation}/release`, { summary: 'Done in the audit test.' })).status,
    ).toBe(200);

    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const entries = (await read(admin, `conversation=${encodeURIComponent(id)}`)).items;
    const actions = entries
      .filter((entry) => entry.actorId === staffUsers.operator)
      .map((entry) => entry.action);
    // Newest first.
    expect(actions).toEqual(['release', 'agent-reply', 'console-request-failed', 'takeover']);
    const failed = entries.find((entry) => entry.action === 'console-request-failed');
    expect(failed?.details).toMatchObject({ method: 'POST', status: 409, error: 'conflict' });
    expect(entries.map((entry) => entry.atMs)).toEqual(
      [...entries.map((entry) => entry.atMs)].sort((a, b) => b - a),
    );
    // Each expires 180 days after it was written (the table's TTL attribute).
    const [stored] = (
      await dependencies.audit.query({ conversationId: id, fromMs: 0, toMs: Date.now(), limit: 1 })
    ).items;
    expect((stored?.expiresAt ?? 0) - Math.floor((stored?.atMs ?? 0) / 1000)).toBe(180 * 24 * 60 * 60);
  });

  it('shows a Viewer or an Operator their own entries only; an Admin anyone’s, by actor and action', async () => {
    const username = await newStaffMember('auditor');
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    await call(admin, 'POST', `/api/users/${username}/groups`, { group: 'Viewer', action: 'add' });
    const viewer = (await tokensOf(username)).access_token;
    // A Viewer's refused reply is theirs to see.
    expect((await call(viewer, 'POST', '/api/conversations/x%23y/reply', { text: 'no' })).status).toBe(403);
    const own = await read(viewer, '');
    expect(own.items.length).toBeGreaterThan(0);
    expect(new Set(own.items.map((entry) => entry.actorId))).toEqual(new Set([username]));
    expect((await call(viewer, 'GET', `/api/audit?actor=${staffUsers.admin}`)).status).toBe(403);

    const byAdmin = await read(admin, `actor=${staffUsers.admin}&action=role-added`);
    expect(byAdmin.items.some((entry) => entry.details?.username === username)).toBe(true);
    expect(new Set(byAdmin.items.map((entry) => entry.action))).toEqual(new Set(['role-added']));
    const everyone = await read(admin, 'limit=200');
    expect(new Set(everyone.items.map((entry) => entry.actorId)).size).toBeGreaterThan(1);
  });

  it('pages with a cursor, filters by date, and refuses what it cannot read', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const first = await read(admin, 'limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
    const second = await read(admin, `limit=3&cursor=${first.nextCursor}`);
    const ids = new Set(first.items.map((entry) => entry.id));
    expect(second.items.some((entry) => ids.has(entry.id))).toBe(false);
    expect(Math.max(...second.items.map((entry) => entry.atMs))).toBeLessThanOrEqual(
      Math.min(...first.items.map((entry) => entry.atMs)),
    );
    // The page's form leaves empty fields empty: no filter, not an error. A name in capitals is the same name.
    expect((await read(admin, 'actor=&conversation=&action=&from=&to=')).items.length).toBeGreaterThan(0);
    expect((await read(admin, `actor=${staffUsers.admin.toUpperCase()}&limit=1`)).items[0]?.actorId).toBe(
      staffUsers.admin,
    );
    // A start before anything is kept reads from the retention's start, a page at a time, not year by year.
    const ancient = await read(admin, 'from=0001-01-01&limit=2');
    expect(ancient.items).toHaveLength(2);
    // Nothing before the platform was built.
    expect((await read(admin, 'from=2020-01-01&to=2020-01-31')).items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await read(admin, `from=${today}&to=${today}&limit=5`)).items.length).toBeGreaterThan(0);
    for (const bad of [
      'cursor=bm90IGEgY3Vyc29y',
      'from=yesterday',
      'from=2026-12-02&to=2026-12-01',
      'limit=0',
    ])
      expect((await call(admin, 'GET', `/api/audit?${bad}`)).status, bad).toBe(400);
    // Read only: no way to change or remove an entry.
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'])
      expect((await call(admin, method, `/api/audit/${first.items[0]?.id}`)).status).toBe(404);
  });
});
