import { describe, expect, it } from 'vitest';
import { bearer, staffUsers, testConsole, tokensOf } from '../../test/console-staff.ts';
import { testConfig } from '../../test/local-clients.ts';

/**
 * Sign-in as the seed requires (deep-check lists E, F, G), through the console app and the local
 * Hosted UI stand-in: code + PKCE (S256) with state and nonce, tokens only in Secure HttpOnly
 * SameSite=Lax cookies, silent refresh, "Session expired" when it fails, logout that clears the
 * cookies, revokes the refresh token and signs out of the Hosted UI.
 */
const app = testConsole();
const consoleUrl = () => testConfig().console.baseUrl;

/** The cookies a response sets, as a browser would keep them (name → value; a cleared one is gone). */
class CookieJar {
  readonly values = new Map<string, string>();
  readonly attributes = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      this.attributes.set(name, attributes.join('; '));
      if (/max-age=0/i.test(line) || value === '') this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  header(path = '/') {
    return [...this.values]
      .filter(([name]) => path.startsWith('/auth') || name !== 'wecare_sign_in')
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

async function signIn(username: string) {
  const jar = new CookieJar();
  const start = await app.request('/auth/login?returnTo=/console/inbox');
  expect(start.status).toBe(302);
  jar.take(start);
  const authorize = new URL(String(start.headers.get('location')));
  authorize.searchParams.set('login_hint', username);
  const hosted = await fetch(authorize, { redirect: 'manual' });
  expect(hosted.status).toBe(302);
  const callback = new URL(String(hosted.headers.get('location')));
  const done = await app.request(`/auth/callback${callback.search}`, {
    headers: { cookie: jar.header('/auth') },
  });
  jar.take(done);
  return { jar, authorize, done };
}

describe('the login page', () => {
  it('shows the brand and one "Continue with SSO" button, no password field', async () => {
    const page = await (await app.request('/login')).text();
    expect(page).toContain('WECARE');
    expect(page.match(/Continue with SSO/g)).toHaveLength(1);
    expect(page).not.toMatch(/type="password"|<input/i);
    expect(await (await app.request('/login?expired=1')).text()).toContain(
      'Session expired, please login again.',
    );
  });
});

describe('signing in with code + PKCE', () => {
  it('asks the Hosted UI for a code with S256, state and nonce, and keeps the tokens in HttpOnly cookies only', async () => {
    const { jar, authorize, done } = await signIn(staffUsers.operator);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{32,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{32,}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${consoleUrl()}/auth/callback`);
    expect(authorize.searchParams.get('scope')).toBe('openid email profile');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/console/inbox');
    for (const name of ['wecare_access', 'wecare_refresh']) {
      expect(jar.values.has(name)).toBe(true);
      expect(jar.attributes.get(name)).toMatch(/HttpOnly/);
      expect(jar.attributes.get(name)).toMatch(/Secure/);
      expect(jar.attributes.get(name)).toMatch(/SameSite=Lax/);
    }
    expect(await done.text()).not.toContain(String(jar.values.get('wecare_access')));
    const me = await app.request('/api/me', { headers: { cookie: jar.header() } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ username: staffUsers.operator, role: 'Operator' });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a callback whose state is not the one this browser started, or that comes without it', async () => {
    const jar = new CookieJar();
    const start = await app.request('/auth/login');
    jar.take(start);
    const authorize = new URL(String(start.headers.get('location')));
    authorize.searchParams.set('login_hint', staffUsers.operator);
    const hosted = await fetch(authorize, { redirect: 'manual' });
    const callback = new URL(String(hosted.headers.get('location')));
    callback.searchParams.set('state', 'forged-state-of-another-sign-in-attempt');
    const forged = await app.request(`/auth/callback${callback.search}`, {
      headers: { cookie: jar.header('/auth') },
    });
    expect(forged.status).toBe(400);
    expect(forged.headers.getSetCookie().join(' ')).not.toContain('wecare_access=ey');
    const without = await app.request(`/auth/callback?code=abc&state=def`);
    expect(without.status).toBe(400);
  });

  it('sends a page without a session to the login page and a call to 401', async () => {
    const page = await app.request('/console/inbox', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login\?returnTo=/);
    expect((await app.request('/api/me')).status).toBe(401);
  });
});

describe('a session that runs out', () => {
  it('is renewed silently with the refresh token', async () => {
    const tokens = await tokensOf(staffUsers.viewer, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cookie = `wecare_access=${tokens.access_token}; wecare_refresh=${tokens.refresh_token}`;
    const me = await app.request('/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.getSetCookie().join(' ')).toMatch(/wecare_access=ey/);
  });

  it('says "Session expired, please login again." when it cannot be renewed', async () => {
    const tokens = await tokensOf(staffUsers.viewer, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const cookie = `wecare_access=${tokens.access_token}; wecare_refresh=not-a-refresh-token`;
    const page = await app.request('/console/inbox', { headers: { cookie, accept: 'text/html' } });
    expect(page.headers.get('location')).toMatch(/^\/login\?expired=1/);
    const call = await app.request('/api/me', { headers: { cookie } });
    expect(call.status).toBe(401);
    expect(await call.json()).toMatchObject({ message: 'Session expired, please login again.' });
  });
});

describe('logout', () => {
  it('clears the cookies, revokes the refresh token and signs out of the Hosted UI; the back button finds no session', async () => {
    const { jar } = await signIn(staffUsers.admin);
    const refreshToken = String(jar.values.get('wecare_refresh'));
    const out = await app.request('/logout', { headers: { cookie: jar.header() } });
    jar.take(out);
    expect(out.status).toBe(302);
    const hosted = new URL(String(out.headers.get('location')));
    expect(hosted.pathname.endsWith('/logout')).toBe(true);
    expect(hosted.searchParams.get('client_id')).toBe(testConfig().cognito.publicClientId);
    expect(hosted.searchParams.get('logout_uri')).toBe(`${consoleUrl()}/logout`);
    expect(jar.values.size).toBe(0);
    // The refresh token no longer gives tokens.
    const refreshed = await fetch(`${testConfig().cognito.hostedUiDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: testConfig().cognito.publicClientId,
      }),
    });
    expect(refreshed.status).toBe(400);
    // Back in the browser: the page is asked for again (no-store) and there is no session.
    const back = await app.request('/console/inbox', {
      headers: { cookie: jar.header(), accept: 'text/html' },
    });
    expect(back.headers.get('location')).toMatch(/^\/login/);
    // The Hosted UI sends the browser back to /logout, which now goes on to the login page.
    expect((await app.request('/logout')).headers.get('location')).toBe('/login');
  });
});

describe('changes made with the session cookies', () => {
  it('are refused unless they come from the console itself', async () => {
    const tokens = await tokensOf(staffUsers.operator);
    const cookie = `wecare_access=${tokens.access_token}`;
    const foreign = await app.request('/api/me', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const own = await app.request('/api/me', {
      method: 'POST',
      headers: { cookie, origin: new URL(consoleUrl()).origin },
    });
    expect(own.status).not.toBe(403);
    // A client with its token in the header carries no ambient credential: no Origin needed.
    expect((await app.request('/api/me', { headers: bearer(tokens.access_token) })).status).toBe(200);
  });

  it('are refused with 413 when their body is larger than anything the console takes', async () => {
    const tokens = await tokensOf(staffUsers.operator);
    const response = await app.request('/api/conversations/x/reply', {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(100_000) }),
    });
    expect(response.status).toBe(413);
  });
});
