import { randomUUID } from 'node:crypto';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import * as z from 'zod';
import type { LocalUser } from './cognito-users.ts';
import { OAuthError } from './oauth-error.ts';

/** The pool's RS256 key pair, made at start; `jwk` is its public half as the JWKS lists it. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const { n, e } = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n, e });
  // The members and only the members Cognito's jwks.json lists for each key.
  return { kid, privateKey, publicKey, jwk: { alg: 'RS256', e, kid, kty: 'RSA', n, use: 'sig' } };
}

/** One sign-in, carried by its refresh token into every later pair of tokens. */
export interface Authentication {
  user: LocalUser;
  clientId: string;
  /** The granted scopes, space-separated, as the access token's `scope`. */
  scope: string;
  /** Epoch seconds. */
  authTime: number;
  originJti: string;
  eventId: string;
}

/**
 * An access token and an ID token with Cognito's claims, member for member: the access token has
 * no `aud` (its client is `client_id`), the ID token's `aud` is the client; `cognito:groups` only
 * when the user is in a group; `nonce` only when the sign-in gave one (never on refresh).
 */
export async function signTokens(
  key: SigningKey,
  issuer: string,
  authentication: Authentication,
  options: { nowSeconds: number; lifetimeSeconds: number; nonce?: string },
): Promise<{ accessToken: string; idToken: string }> {
  const { user } = authentication;
  const groups = user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {};
  const times = { iat: options.nowSeconds, exp: options.nowSeconds + options.lifetimeSeconds };
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).sign(key.privateKey);
  const accessToken = await sign({
    sub: user.sub,
    ...groups,
    iss: issuer,
    version: 2,
    client_id: authentication.clientId,
    origin_jti: authentication.originJti,
    event_id: authentication.eventId,
    token_use: 'access',
    scope: authentication.scope,
    auth_time: authentication.authTime,
    ...times,
    jti: randomUUID(),
    username: user.username,
  });
  const idToken = await sign({
    sub: user.sub,
    ...groups,
    email_verified: true,
    iss: issuer,
    'cognito:username': user.username,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    origin_jti: authentication.originJti,
    aud: authentication.clientId,
    event_id: authentication.eventId,
    token_use: 'id',
    auth_time: authentication.authTime,
    name: user.name,
    ...times,
    jti: randomUUID(),
    email: user.email,
  });
  return { accessToken, idToken };
}

const AccessTokenClaims = z.object({
  token_use: z.literal('access'),
  sub: z.string(),
  username: z.string(),
  client_id: z.string(),
  origin_jti: z.string(),
  scope: z.string(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

/** The claims of an access token this pool signed and that has not expired; `invalid_token` otherwise. */
export async function verifyAccessToken(
  key: SigningKey,
  issuer: string,
  token: string,
  nowMs: number,
): Promise<AccessTokenClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key.publicKey, {
      issuer,
      algorithms: ['RS256'],
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    const expired = error instanceof Error && 'code' in error && error.code === 'ERR_JWT_EXPIRED';
    throw new OAuthError('invalid_token', expired ? 'Access token has expired' : 'Invalid access token');
  }
  const claims = AccessTokenClaims.safeParse(payload);
  if (!claims.success) throw new OAuthError('invalid_token', 'Invalid access token');
  return claims.data;
}
