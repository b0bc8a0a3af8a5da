import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { CognitoEndpoints } from './cognito-endpoints.ts';
import { roleOf, type StaffMember } from './roles.ts';

/** Why a token was not accepted (never the token itself: it is not logged). */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(`The access token was rejected: ${reason}`);
  }
}

/**
 * Verifies the user pool's tokens on every request, with one code path in production and on one
 * machine (research notes §6): signature against the JWKS (RS256 only, so `alg: none` or an HMAC
 * token never verifies), issuer, expiry, and Cognito's own fields: `token_use` (an ID token is not
 * an access token) and `client_id` (the console's app client). Cognito access tokens carry no
 * `aud`. The JWKS is fetched once and kept (refetched for an unknown `kid`); locally it is served
 * over http, which the library's default fetcher refuses, hence the fetcher.
 */
export function accessTokenVerifier(endpoints: CognitoEndpoints) {
  const fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
  // One cache for both verifiers: the pool's keys are fetched once.
  const jwksCache = new SimpleJwksCache({ fetcher });
  const access = JwtVerifier.create(
    {
      issuer: endpoints.issuer,
      jwksUri: endpoints.jwks,
      audience: null,
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: endpoints.clientId }),
    },
    { jwksCache },
  );
  const id = JwtVerifier.create(
    {
      issuer: endpoints.issuer,
      jwksUri: endpoints.jwks,
      audience: endpoints.clientId,
      customJwtCheck: ({ payload }) =>
        validateCognitoJwtFields(payload, { tokenUse: 'id', clientId: endpoints.clientId }),
    },
    { jwksCache },
  );
  return {
    /** The signed-in staff member, or TokenRejectedError (also for a user in no console group). */
    async staffOf(token: string): Promise<StaffMember & { expiresAtMs: number }> {
      let payload: Record<string, unknown>;
      try {
        payload = (await access.verify(token)) as Record<string, unknown>;
      } catch (error) {
        throw new TokenRejectedError(error instanceof Error ? error.name : 'invalid');
      }
      const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as string[]) : [];
      const role = roleOf(groups);
      if (!role) throw new TokenRejectedError('the user is in none of the console groups');
      return {
        id: String(payload.sub),
        username: String(payload.username ?? payload.sub),
        role,
        expiresAtMs: Number(payload.exp) * 1000,
      };
    },
    /** The ID token of a sign-in: verified, and its nonce the one this browser's sign-in sent. */
    async checkIdToken(token: string, nonce: string): Promise<void> {
      let payload: Record<string, unknown>;
      try {
        payload = (await id.verify(token)) as Record<string, unknown>;
      } catch (error) {
        throw new TokenRejectedError(error instanceof Error ? error.name : 'invalid');
      }
      if (payload.nonce !== nonce) throw new TokenRejectedError('nonce mismatch');
    },
  };
}

export type AccessTokenVerifier = ReturnType<typeof accessTokenVerifier>;
