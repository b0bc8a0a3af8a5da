import { createHash, randomBytes } from 'node:crypto';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { CognitoJwtInvalidTokenUseError, JwtExpiredError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/local-clients.ts';
import { localHostedUiBase, localIssuer, localJwksUrl } from './cognito-urls.ts';

const config = testConfig();
const hostedUi = localHostedUiBase(config);
const issuer = localIssuer(config);
const jwksUri = localJwksUrl(config);
const clientId = config.cognito.publicClientId;
const awsEndpoint = config.local.awsEndpoint;
let callbackUrl = '';
let logoutUrl = '';

beforeAll(async () => {
  const client = (await (await fetch(`${awsEndpoint}/__stand-in/cognito/app-client`)).json()) as {
    callbackUrls: string[];
    logoutUrls: string[];
  };
  callbackUrl = client.callbackUrls[0] ?? '';
  logoutUrl = client.logoutUrls[0] ?? '';
});

// The one code path the console uses in both worlds: JwtVerifier with Cognito's field checks.
const jwksCache = new SimpleJwksCache({
  fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
});
const verifierFor = (tokenUse: 'access' | 'id') =>
  JwtVerifier.create(
    {
      issuer,
      jwksUri,
      // Cognito's access tokens have no `aud`: their client is `client_id`, which the field check holds.
      audience: tokenUse === 'id' ? clientId : null,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
    },
    { jwksCache },
  );
const accessVerifier = verifierFor('access');
const idVerifier = verifierFor('id');

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(challenge: string, overrides: Record<string, string> = {}): string {
  const url = new URL(`${hostedUi}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: callbackUrl,
    scope: 'openid email profile',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  }).toString();
  return url.toString();
}

/** The browser's way back to the app: a 302 to the callback with the code, and the Hosted UI's cookie. */
function returned(response: Response) {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(callbackUrl);
  return {
    code: location.searchParams.get('code') ?? '',
    state: location.searchParams.get('state'),
    cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
  };
}

async function signIn(username: string) {
  const { verifier, challenge } = pkce();
  const response = await fetch(authorizeUrl(challenge, { login_hint: username }), { redirect: 'manual' });
  return { ...returned(response), verifier };
}

async function token(form: Record<string, string>, contentType = 'application/x-www-form-urlencoded') {
  const response = await fetch(`${hostedUi}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
  token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: callbackUrl,
    client_id: clientId,
    code_verifier: verifier,
    ...overrides,
  });

async function tokensOf(username: string) {
  const { code, verifier, cookie } = await signIn(username);
  const { status, body } = await exchange(code, verifier);
  expect(status).toBe(200);
  return { ...(body as { access_token: string; id_token: string; refresh_token: string }), cookie };
}

describe('the local Hosted UI: sign-in with the code flow and PKCE', () => {
  it('publishes the issuer and its signing key where the verifier looks', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery).toMatchObject({
      issuer,
      jwks_uri: jwksUri,
      authorization_endpoint: `${hostedUi}/oauth2/authorize`,
      token_endpoint: `${hostedUi}/oauth2/token`,
    });
    const jwks = (await (await fetch(jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('shows a user picker without a password, and the choice comes back as a code for a Cognito-shaped token set', async () => {
    const { verifier, challenge } = pkce();
    const pageResponse = await fetch(authorizeUrl(challenge), { redirect: 'manual' });
    expect(pageResponse.status).toBe(200);
    const page = await pageResponse.text();
    expect(page).toContain('WECARE.DIGITAL — local sign-in');
    expect(page).toContain('stand-in for sso.wecare.digital');
    expect(page).not.toMatch(/type="password"/);
    for (const name of ['Vikram Rao', 'मीरा शर्मा', 'সুমিতা দাস', 'Anita Iyer']) expect(page).toContain(name);
    expect(page.indexOf('<h2>Viewer</h2>')).toBeLessThan(page.indexOf('<h2>Operator</h2>'));
    expect(page.indexOf('<h2>Operator</h2>')).toBeLessThan(page.indexOf('<h2>Admin</h2>'));
    const requestId = /name="request" value="([^"]+)"/.exec(page)?.[1] ?? '';

    const chosen = await fetch(`${hostedUi}/oauth2/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ request: requestId, username: 'meera.operator' }),
      redirect: 'manual',
    });
    const { code, state } = returned(chosen);
    expect(state).toBe('state-1');
    // The pending request is spent by the choice.
    const again = await fetch(`${hostedUi}/oauth2/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ request: requestId, username: 'anita.admin' }),
      redirect: 'manual',
    });
    expect(again.status).toBe(400);

    const { status, body } = await exchange(code, verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const tokens = body as { access_token: string; id_token: string; refresh_token: string };
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const access = await accessVerifier.verify(tokens.access_token);
    expect(decodeProtectedHeader(tokens.access_token)).toEqual({ alg: 'RS256', kid: expect.any(String) });
    expect(Object.keys(access).sort()).toEqual(
      [
        'sub',
        'iss',
        'client_id',
        'origin_jti',
        'event_id',
        'token_use',
        'scope',
        'auth_time',
        'exp',
        'iat',
        'jti',
        'username',
        'version',
        'cognito:groups',
      ].sort(),
    );
    expect(access).toMatchObject({
      sub: '5a1f9c3e-8b2d-4e6f-a7c0-2d9e4b6f8a12',
      username: 'meera.operator',
      client_id: clientId,
      token_use: 'access',
      scope: 'openid email profile',
      version: 2,
      'cognito:groups': ['Operator'],
    });

    const id = await idVerifier.verify(tokens.id_token);
    expect(id).toMatchObject({
      aud: clientId,
      token_use: 'id',
      'cognito:username': 'meera.operator',
      'cognito:groups': ['Operator'],
      email: 'meera.sharma@wecare.digital',
      email_verified: true,
      name: 'मीरा शर्मा',
      nonce: 'nonce-1',
      origin_jti: access.origin_jti,
    });
    await expect(accessVerifier.verify(tokens.id_token)).rejects.toThrow(CognitoJwtInvalidTokenUseError);

    const info = await fetch(`${hostedUi}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await info.json()).toEqual({
      sub: '5a1f9c3e-8b2d-4e6f-a7c0-2d9e4b6f8a12',
      username: 'meera.operator',
      email: 'meera.sharma@wecare.digital',
      email_verified: 'true',
      name: 'मीरा शर्मा',
    });
  });

  it('refuses a wrong verifier, a replayed code, another redirect_uri and another client', async () => {
    const wrongVerifier = await signIn('vikram.viewer');
    expect(await exchange(wrongVerifier.code, pkce().verifier)).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_grant' }),
    });
    // A code is spent by a failed use too.
    expect((await exchange(wrongVerifier.code, wrongVerifier.verifier)).body.error).toBe('invalid_grant');

    const replayed = await signIn('vikram.viewer');
    expect((await exchange(replayed.code, replayed.verifier)).status).toBe(200);
    expect((await exchange(replayed.code, replayed.verifier)).body.error).toBe('invalid_grant');

    const otherRedirect = await signIn('vikram.viewer');
    const elsewhere = await exchange(otherRedirect.code, otherRedirect.verifier, {
      redirect_uri: `${callbackUrl}/other`,
    });
    expect(elsewhere.body.error).toBe('invalid_grant');

    const otherClient = await signIn('vikram.viewer');
    const stranger = await exchange(otherClient.code, otherClient.verifier, {
      client_id: config.cognito.confidentialClientId,
    });
    expect(stranger).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_client' }) });
  });

  it('never redirects to a URL or for a client the app client does not allow', async () => {
    const { challenge } = pkce();
    const refused: Record<string, string>[] = [
      { redirect_uri: 'https://evil.example/auth/callback' },
      { redirect_uri: `${callbackUrl}/` },
      { redirect_uri: `${callbackUrl}?next=/` },
      { client_id: config.cognito.confidentialClientId },
    ];
    for (const overrides of refused) {
      const response = await fetch(authorizeUrl(challenge, overrides), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('An error was encountered');
    }
  });

  it('sends other faults of an authorize request back to the app as OAuth errors with the state', async () => {
    const { challenge } = pkce();
    for (const [overrides, error] of [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: '' }, 'invalid_request'],
      [{ response_type: 'token' }, 'invalid_request'],
      [{ scope: 'email profile' }, 'invalid_scope'],
      [{ scope: 'openid aws.cognito.signin.user.admin' }, 'invalid_scope'],
    ] as const) {
      const response = await fetch(authorizeUrl(challenge, overrides), { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('state-1');
      expect(location.searchParams.get('code')).toBeNull();
    }
  });

  it('answers bad token requests with 400 and an OAuth error, never 500', async () => {
    const cases: [Record<string, string>, string, string?][] = [
      [{ grant_type: 'authorization_code' }, 'invalid_request'],
      [{ code: 'x', client_id: clientId }, 'invalid_request'],
      [{ grant_type: 'password', username: 'anita.admin', password: 'x' }, 'unsupported_grant_type'],
      [
        {
          grant_type: 'authorization_code',
          code: 'x',
          redirect_uri: 'x',
          client_id: clientId,
          code_verifier: 'short',
        },
        'invalid_request',
      ],
      [{ grant_type: 'refresh_token', refresh_token: 'x', client_id: clientId }, 'invalid_grant'],
      [{ grant_type: 'refresh_token', refresh_token: 'x' }, 'invalid_request', 'application/json'],
    ];
    for (const [form, error, contentType] of cases) {
      const { status, body } = await token(form, contentType);
      expect({ status, error: body.error }).toEqual({ status: 400, error });
    }
    const repeated = await fetch(`${hostedUi}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&grant_type=authorization_code',
    });
    expect(repeated.status).toBe(400);
    const noToken = await fetch(`${hostedUi}/oauth2/userInfo`);
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: string }).error).toBe('invalid_token');
  });
});

describe('the local Hosted UI: refresh, sign-out and revocation as in Cognito', () => {
  it('refreshes without a new refresh token; sign-out (revoke, then /logout) ends it; /logout alone does not', async () => {
    const tokens = await tokensOf('anita.admin');
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    const access = await accessVerifier.verify(String(refreshed.body.access_token));
    expect(access).toMatchObject({ username: 'anita.admin', 'cognito:groups': ['Admin'] });
    expect(decodeJwt(String(refreshed.body.id_token)).nonce).toBeUndefined();

    // The Hosted UI's session offers its user again, until /logout ends it.
    const withSession = await fetch(authorizeUrl(pkce().challenge), { headers: { cookie: tokens.cookie } });
    expect(await withSession.text()).toContain('Continue as');
    const logout = new URL(`${hostedUi}/logout`);
    logout.search = new URLSearchParams({ client_id: clientId, logout_uri: logoutUrl }).toString();
    const loggedOut = await fetch(logout, { headers: { cookie: tokens.cookie }, redirect: 'manual' });
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get('location')).toBe(logoutUrl);
    expect(loggedOut.headers.get('set-cookie')).toMatch(/^cognito=;.*Max-Age=0/);
    const afterLogout = await fetch(authorizeUrl(pkce().challenge), { headers: { cookie: tokens.cookie } });
    expect(await afterLogout.text()).not.toContain('Continue as');
    // As in Cognito, /logout ends the Hosted UI session, not the tokens: the app revokes its refresh token.
    const stillValid = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: clientId,
    };
    expect((await token(stillValid)).status).toBe(200);

    const revoked = await fetch(`${hostedUi}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token, client_id: clientId }),
    });
    expect(revoked.status).toBe(200);
    const accessRevoked = await fetch(`${hostedUi}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token, client_id: clientId }),
    });
    expect(((await accessRevoked.json()) as { error: string }).error).toBe('unsupported_token_type');
    expect(await token(stillValid)).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_grant' }),
    });
    const info = await fetch(`${hostedUi}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(info.status).toBe(401);
  });

  it('refuses a sign-out URL that is not exactly allowed, and an unknown client', async () => {
    const refused: Record<string, string>[] = [
      { client_id: clientId, logout_uri: 'https://evil.example/logout' },
      { client_id: clientId, logout_uri: logoutUrl.replace(/\/logout$/, '/login') },
      { client_id: config.cognito.confidentialClientId, logout_uri: logoutUrl },
      { client_id: clientId },
    ];
    for (const query of refused) {
      const url = new URL(`${hostedUi}/logout`);
      url.search = new URLSearchParams(query).toString();
      const response = await fetch(url, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });
});

describe('the stand-in test hook', () => {
  it('gives a user tokens without the browser, with a chosen lifetime', async () => {
    const hook = async (body: unknown) =>
      fetch(`${awsEndpoint}/__stand-in/cognito/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const response = await hook({ username: 'sumita.operator', ttlSeconds: 1 });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as { access_token: string; expires_in: number };
    expect(tokens.expires_in).toBe(1);
    // The lifetime is read from the claims, not raced against the clock: a loaded machine may take
    // longer than one second to get here. The grace only lets the signature and claims be checked.
    const claims = decodeJwt(tokens.access_token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(1);
    expect(await accessVerifier.verify(tokens.access_token, { graceSeconds: 600 })).toMatchObject({
      username: 'sumita.operator',
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(accessVerifier.verify(tokens.access_token)).rejects.toThrow(JwtExpiredError);

    const unassigned = (await (await hook({ username: 'ravi.unassigned' })).json()) as {
      access_token: string;
    };
    expect(decodeJwt(unassigned.access_token)['cognito:groups']).toBeUndefined();
    for (const body of [
      { username: 'nobody.here' },
      { username: 'anita.admin', ttlSeconds: 0 },
      'not an object',
    ]) {
      const refused = await hook(body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe('invalid_request');
    }
  });
});
