import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConsole } from '../../test/console-client.ts';
import { customerWrites, invoiceWaiting } from '../../test/console-data.ts';
import { bearer, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import type { Role } from '../auth/roles.ts';

/**
 * Issue 11 item 3: every route × {anonymous, no group, Viewer, Operator, Admin}, enforced on the
 * server. The routes come from the app itself, so a route added later fails here until it is given
 * its minimum role below.
 */
const routeAccess: Record<string, 'public' | Role> = {
  // Signing in and out, the login page, the stylesheet and script, and `/` (a redirect to the inbox).
  'GET /': 'public',
  'GET /login': 'public',
  'GET /auth/login': 'public',
  'GET /auth/callback': 'public',
  'GET /logout': 'public',
  'GET /assets/console.css': 'public',
  'GET /assets/console.js': 'public',
  // The payment links customers open from WhatsApp.
  'GET /l/:code': 'public',
  // Viewer reads. The OpenAPI document lists the routes only, but it is the console's, not the world's.
  'GET /api/openapi.json': 'Viewer',
  'GET /api/me': 'Viewer',
  'GET /api/conversations': 'Viewer',
  'GET /api/approvals': 'Viewer',
  // The audit log: anyone's own entries; an Admin's of everyone (audit-routes.test.ts).
  'GET /api/audit': 'Viewer',
  'GET /console/audit': 'Viewer',
  'GET /api/templates': 'Viewer',
  'GET /api/dashboard': 'Viewer',
  'GET /api/evals/latest': 'Viewer',
  'GET /console/evals': 'Viewer',
  'GET /console/dashboard': 'Viewer',
  'GET /api/contacts': 'Viewer',
  'GET /console/contacts': 'Viewer',
  'GET /api/contacts/:id': 'Viewer',
  'POST /api/contacts': 'Operator',
  'PUT /api/contacts/:id': 'Operator',
  'POST /api/contacts/:id/opt-outs': 'Operator',
  'POST /api/contacts/import': 'Operator',
  'GET /api/contacts/export': 'Operator',
  'DELETE /api/contacts/:id': 'Operator',
  'GET /console/templates': 'Viewer',
  'POST /api/templates/sync': 'Admin',
  'GET /api/conversations/:id': 'Viewer',
  'GET /api/events': 'Viewer',
  'GET /console/inbox': 'Viewer',
  'GET /console/conversations/:id': 'Viewer',
  'GET /console/api-docs': 'Viewer',
  // Operator also takes over, replies (text or template), releases, approves or rejects, flags.
  'POST /api/conversations/:id/takeover': 'Operator',
  'POST /api/conversations/:id/reply': 'Operator',
  'POST /api/conversations/:id/reply-file': 'Operator',
  'POST /api/conversations/:id/release': 'Operator',
  'POST /api/invoices/:id/approve': 'Operator',
  'POST /api/invoices/:id/reject': 'Operator',
  'POST /api/messages/:wamid/flag': 'Operator',
  // Admin also manages users and roles.
  'GET /api/users': 'Admin',
  'POST /api/users/:username/groups': 'Admin',
  'GET /console/users': 'Admin',
  'GET /api/dead-letters': 'Admin',
  'GET /api/dead-letters/:queue': 'Admin',
  'POST /api/dead-letters/:queue/replay': 'Admin',
  'GET /console/dead-letters': 'Admin',
  // Admin also curates the Knowledge Base and the service catalog.
  'GET /api/knowledge-base/documents': 'Admin',
  'POST /api/knowledge-base/documents': 'Admin',
  'PUT /api/knowledge-base/documents/:id': 'Admin',
  'DELETE /api/knowledge-base/documents/:id': 'Admin',
  'DELETE /api/knowledge-base/files/:name': 'Admin',
  'POST /api/knowledge-base/ingestions': 'Admin',
  'POST /api/knowledge-base/evaluations': 'Admin',
  'GET /api/knowledge-base/ingestions': 'Admin',
  'GET /api/knowledge-base/ingestions/:id': 'Admin',
  'GET /api/knowledge-base/catalog': 'Admin',
  'PUT /api/knowledge-base/catalog': 'Admin',
  'DELETE /api/knowledge-base/catalog/staged': 'Admin',
  'GET /console/knowledge-base': 'Admin',
};

const { app, desk } = testConsole();
const signedInRoles = [
  ['Viewer', staffUsers.viewer],
  ['Operator', staffUsers.operator],
  ['Admin', staffUsers.admin],
] as const satisfies ReadonlyArray<readonly [Role, string]>;
const rank = (role: Role) => signedInRoles.findIndex(([held]) => held === role);

/** Every method and path the app answers (Hono's router table; `use` middleware is `ALL`). */
function appRoutes(): string[] {
  const keys = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)].sort();
}

const world = { conversation: '', invoice: '', botReply: '', version: 0 };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const handedOver = await customerWrites('I want to talk to a person');
  const answered = await customerWrites('What are your office hours?');
  const tag = Date.now().toString(36);
  const invoice = await invoiceWaiting(desk, answered.id, answered.waId, `svc-roles-${tag}`);
  const view = await desk.conversations.get(handedOver.id);
  const botReply = (await (
    await app.request(`/api/conversations/${encodeURIComponent(answered.id)}`, {
      headers: bearer((await tokensOf(staffUsers.viewer)).access_token),
    })
  ).json()) as { messages: Array<{ wamid: string; sentBy?: { kind: string } }> };
  Object.assign(world, {
    conversation: handedOver.id,
    invoice: invoice.id,
    botReply: botReply.messages.find((message) => message.sentBy?.kind === 'bot')?.wamid ?? '',
    version: view?.version ?? 0,
  });
  for (const username of Object.values(staffUsers))
    tokens[username] = (await tokensOf(username)).access_token;
});

/** A real conversation, invoice or bot reply for each path parameter; a harmless placeholder otherwise. */
function concretePath(path: string): string {
  return path
    .replace(/^\/api\/invoices\/:id/, `/api/invoices/${world.invoice}`)
    .replace(':id', encodeURIComponent(world.conversation))
    .replace(':wamid', encodeURIComponent(world.botReply))
    .replace(/:\w+/g, 'placeholder');
}

const bodies: Record<string, unknown> = {
  reply: { text: 'Hello from the route-roles test.' },
  release: { summary: 'Handled in the route-roles test.' },
  reject: { reason: 'Rejected in the route-roles test.' },
  flag: { note: 'Flagged in the route-roles test.' },
};

async function call(key: string, headers: Record<string, string>, accept = 'application/json') {
  const [method = 'GET', path = '/'] = key.split(' ');
  const url = concretePath(path);
  const last = path.split('/').at(-1) ?? '';
  const body = key === 'POST /api/conversations/:id/takeover' ? { version: world.version } : bodies[last];
  const response = await app.request(url, {
    method,
    headers: { accept, ...headers, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  // Event streams (and any other body) are not read: only the status and headers matter here.
  await response.body?.cancel();
  return { url, response };
}

async function refusals(username: string, sinceMs: number) {
  const found = await testClients().documents.send(
    new QueryCommand({
      TableName: testConfig().tables.audit,
      IndexName: 'by-actor',
      KeyConditionExpression: 'actorId = :actor',
      ExpressionAttributeValues: { ':actor': username },
      ScanIndexForward: false,
      Limit: 50,
    }),
  );
  return (found.Items ?? []).filter((entry) => entry.action === 'console-refused' && entry.atMs >= sinceMs);
}

describe('the route table', () => {
  it('classifies every route the app answers, and lists no route it does not', () => {
    const routes = appRoutes();
    expect(routes.filter((route) => !(route in routeAccess))).toEqual([]);
    expect(Object.keys(routeAccess).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('keeps every signed-in route under /api or /console, where the session is checked', () => {
    const outside = Object.entries(routeAccess)
      .filter(([, access]) => access !== 'public')
      .map(([route]) => route)
      .filter((route) => !/^\w+ \/(api|console)\//.test(route));
    expect(outside).toEqual([]);
  });
});

describe.each(appRoutes().filter((route) => routeAccess[route] && routeAccess[route] !== 'public'))(
  '%s',
  (route) => {
    const needed = routeAccess[route] as Role;
    const isPage = route.startsWith('GET /console/');

    it('is refused without a session: 401 to a call, the login page to a browser', async () => {
      expect((await call(route, {})).response.status).toBe(401);
      if (!isPage) return;
      const page = (await call(route, {}, 'text/html')).response;
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toMatch(/^\/login\?/);
    });

    it('is refused to a signed-in user in no console group (401)', async () => {
      expect((await call(route, bearer(tokens[staffUsers.unassigned] ?? ''))).response.status).toBe(401);
    });

    it.each(signedInRoles)(
      `as %s: 403 (audited) below ${needed}, served at or above`,
      async (role, username) => {
        const sinceMs = Date.now();
        const { url, response } = await call(route, bearer(tokens[username] ?? ''));
        expect(response.status).toBeLessThan(500);
        if (rank(role) >= rank(needed)) {
          expect([401, 403]).not.toContain(response.status);
          return;
        }
        expect(response.status).toBe(403);
        const refused = await refusals(username, sinceMs);
        expect(refused.map((entry) => entry.details)).toContainEqual({
          method: route.split(' ')[0],
          path: new URL(url, 'http://console').pathname,
          role,
          needed,
        });
      },
    );
  },
);

describe.each(appRoutes().filter((route) => routeAccess[route] === 'public'))('%s (public)', (route) => {
  it('is served without a session', async () => {
    const { response } = await call(route, {}, 'text/html');
    expect(response.status).toBeLessThan(500);
    expect([401, 403]).not.toContain(response.status);
  });
});
