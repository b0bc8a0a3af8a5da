import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { bearer, callerOf, newStaffMember, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';

const dependencies = consoleDependencies(testConfig(), testClients());
const app = consoleApp(dependencies);

type User = { username: string; name: string | null; groups: string[] };

const call = callerOf(app);

describe('users and roles', () => {
  it("lists the pool's users with their groups, to an Admin only", async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const listed = await call(admin, 'GET', '/api/users');
    expect(listed.status).toBe(200);
    const { items } = (await listed.json()) as { items: User[] };
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'meera.operator', name: 'मीरा शर्मा', groups: ['Operator'] }),
        expect.objectContaining({ username: 'anita.admin', groups: ['Admin'] }),
        expect.objectContaining({ username: 'ravi.unassigned', groups: [] }),
      ]),
    );
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    expect((await call(operator, 'GET', '/api/users')).status).toBe(403);
    expect((await call(operator, 'GET', '/console/users')).status).toBe(403);
    // A person opening a page they may not see gets a page saying so, not a JSON problem.
    const refusedPage = await app.request('/console/users', {
      headers: { ...bearer(operator), accept: 'text/html' },
    });
    expect(refusedPage.status).toBe(403);
    expect(refusedPage.headers.get('content-type')).toContain('text/html');
    expect(await refusedPage.text()).toContain('This needs the Admin role.');
    const badPage = await app.request('/console/inbox?state=bogus', {
      headers: { ...bearer(operator), accept: 'text/html' },
    });
    expect(badPage.status).toBe(400);
    expect(await badPage.text()).toContain('Back to the inbox');
    const page = await (await app.request('/console/users', { headers: bearer(admin) })).text();
    expect(page).toContain('data-username="meera.operator"');
    expect(page).toContain('href="/console/users"');
  });

  it('adds and removes a role, effective at the person’s next token refresh, audited', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const username = await newStaffMember('trainee');
    const signedIn = await tokensOf(username);
    // In no group: the console refuses them.
    expect((await call(signedIn.access_token, 'GET', '/api/me')).status).toBe(401);

    const added = await call(admin, 'POST', `/api/users/${username}/groups`, {
      group: 'Operator',
      action: 'add',
    });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ username, groups: ['Operator'] });
    const renewed = await dependencies.tokens.refresh(signedIn.refresh_token);
    const me = await call(renewed.access_token, 'GET', '/api/me');
    expect(await me.json()).toMatchObject({ username, role: 'Operator' });

    const removed = await call(admin, 'POST', `/api/users/${username}/groups`, {
      group: 'Operator',
      action: 'remove',
    });
    expect(await removed.json()).toMatchObject({ groups: [] });
    const after = await dependencies.tokens.refresh(signedIn.refresh_token);
    expect((await call(after.access_token, 'GET', '/api/me')).status).toBe(401);

    const recent = { fromMs: Date.now() - 60_000, toMs: Date.now(), limit: 50 };
    const actions = (await dependencies.audit.query({ actorId: staffUsers.admin, ...recent })).items
      .filter((entry) => entry.details?.username === username)
      .map((entry) => `${entry.action}:${String(entry.details?.group)}`);
    expect(actions).toEqual(expect.arrayContaining(['role-added:Operator', 'role-removed:Operator']));
  });

  it('refuses an Admin removing their own Admin role, an unknown user and an unknown group', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const own = await call(admin, 'POST', `/api/users/${staffUsers.admin}/groups`, {
      group: 'Admin',
      action: 'remove',
    });
    expect(own.status).toBe(409);
    const { items } = (await (await call(admin, 'GET', '/api/users')).json()) as { items: User[] };
    expect(items.find((user) => user.username === staffUsers.admin)?.groups).toEqual(['Admin']);
    expect(
      (await call(admin, 'POST', '/api/users/nobody.here/groups', { group: 'Viewer', action: 'add' })).status,
    ).toBe(404);
    expect(
      (await call(admin, 'POST', '/api/users/meera.operator/groups', { group: 'Root', action: 'add' }))
        .status,
    ).toBe(400);
  });
});
