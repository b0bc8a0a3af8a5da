import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { LocalCognito } from './local-cognito.ts';

const config = loadConfig({ WECARE_ENV: 'local' });
const verifier = 'v'.repeat(43);
const challenge = createHash('sha256').update(verifier).digest('base64url');

function withClock(options: { tokenLifetimeSeconds?: number } = {}) {
  const clock = { now: Date.UTC(2026, 0, 26, 9, 30) };
  const cognito = new LocalCognito({ config, now: () => clock.now, ...options });
  const callback = cognito.appClient().callbackUrls[0] ?? '';
  const request = {
    clientId: config.cognito.publicClientId,
    redirectUri: callback,
    scope: 'openid',
    codeChallenge: challenge,
  };
  const codeFor = (username: string) => {
    const user = cognito.user(username);
    if (!user) throw new Error(`no user ${username}`);
    return new URL(cognito.signIn(request, user).redirect).searchParams.get('code') ?? '';
  };
  const exchange = (code: string) =>
    cognito.exchangeCode({ code, redirectUri: callback, clientId: request.clientId, codeVerifier: verifier });
  return { clock, cognito, codeFor, exchange };
}

describe('LocalCognito', () => {
  it('signs tokens for the lifetime it was made with', async () => {
    const { cognito, codeFor, exchange } = withClock({ tokenLifetimeSeconds: 5 });
    const tokens = await exchange(codeFor('vikram.viewer'));
    expect(tokens.expires_in).toBe(5);
    for (const jwt of [tokens.access_token, tokens.id_token]) {
      const { iat = 0, exp = 0, iss } = decodeJwt(jwt);
      expect(exp - iat).toBe(5);
      expect(iss).toBe(`${config.local.awsEndpoint}/cognito/${config.cognito.userPoolId}`);
    }
    cognito.listenAt('http://127.0.0.1:45999');
    const moved = await cognito.issueTokens('vikram.viewer');
    expect(decodeJwt(moved.access_token).iss).toBe(
      `http://127.0.0.1:45999/cognito/${config.cognito.userPoolId}`,
    );
  });

  it('keeps a code for five minutes and no longer', async () => {
    const { clock, codeFor, exchange } = withClock();
    const fresh = codeFor('anita.admin');
    const stale = codeFor('anita.admin');
    clock.now += 4 * 60_000;
    await expect(exchange(fresh)).resolves.toMatchObject({ token_type: 'Bearer' });
    clock.now += 61_000;
    await expect(exchange(stale)).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('refuses an access token once it has expired, at userInfo', async () => {
    const { clock, cognito } = withClock({ tokenLifetimeSeconds: 5 });
    const tokens = await cognito.issueTokens('meera.operator');
    await expect(cognito.userInfo(tokens.access_token)).resolves.toMatchObject({
      username: 'meera.operator',
    });
    clock.now += 6_000;
    await expect(cognito.userInfo(tokens.access_token)).rejects.toMatchObject({
      code: 'invalid_token',
      description: 'Access token has expired',
    });
  });

  it('accepts only the callback and sign-out URLs it is told, exactly', () => {
    const { cognito } = withClock();
    expect(cognito.appClient()).toMatchObject({
      callbackUrls: [`${config.local.consoleEndpoint}/auth/callback`],
      logoutUrls: [`${config.local.consoleEndpoint}/logout`],
    });
    cognito.allowRedirects({
      callbackUrls: ['http://127.0.0.1:5000/auth/callback'],
      logoutUrls: ['http://127.0.0.1:5000/logout'],
    });
    expect(cognito.isLogoutUrl('http://127.0.0.1:5000/logout')).toBe(true);
    expect(cognito.isLogoutUrl(`${config.local.consoleEndpoint}/logout`)).toBe(false);
  });
});
