import { describe, expect, it } from 'vitest';
import { bearer, signedWithPoolKey, staffUsers, testConsole, tokensOf } from '../../test/console-staff.ts';

/**
 * Deep-check list D: every request's access token is verified against the JWKS (signature), its
 * issuer, client, expiry and token use, and its groups map to a role. Each bad token below differs
 * from a good one in one way only, most of them signed with the pool's own key.
 */
const app = testConsole();
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

async function goodClaims() {
  const { access_token } = await tokensOf(staffUsers.viewer);
  return { token: access_token, claims: decode(access_token.split('.')[1] ?? '') };
}

describe('the access token of every request', () => {
  it('is accepted when genuine, with the role its group gives', async () => {
    const { token, claims } = await goodClaims();
    const me = await app.request('/api/me', { headers: bearer(token) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'Viewer' });
    // The same claims re-signed by the pool: the check below is the only difference in each case.
    expect((await app.request('/api/me', { headers: bearer(await signedWithPoolKey(claims)) })).status).toBe(
      200,
    );
  });

  it.each([
    ['another issuer', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234' }],
    ['another app client', { client_id: '1l9hpie81e1ia7u0cslak2p9tf' }],
    ['an ID token’s use', { token_use: 'id' }],
    ['no token use', { token_use: undefined }],
    ['an expiry in the past', { exp: Math.floor(Date.now() / 1000) - 60 }],
    ['no console group', { 'cognito:groups': ['Customers'] }],
  ])('is refused with %s', async (_what, change) => {
    const { claims } = await goodClaims();
    const token = await signedWithPoolKey(JSON.parse(JSON.stringify({ ...claims, ...change })));
    expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
  });

  it('is refused when a group was added by editing the payload (the signature no longer matches)', async () => {
    const { token, claims } = await goodClaims();
    const [header, , signature] = token.split('.');
    const promoted = `${header}.${encode({ ...claims, 'cognito:groups': ['Admin'] })}.${signature}`;
    expect((await app.request('/api/me', { headers: bearer(promoted) })).status).toBe(401);
  });

  it('is refused unsigned (alg none), as an ID token, from a user in no group, or as garbage', async () => {
    const { claims } = await goodClaims();
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    const { id_token } = await tokensOf(staffUsers.operator);
    const { access_token: noGroup } = await tokensOf(staffUsers.unassigned);
    for (const token of [unsigned, id_token, noGroup, 'not-a-token', `${unsigned}x`])
      expect((await app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
  });
});
