import * as z from 'zod';
import type { CognitoEndpoints } from './cognito-endpoints.ts';

const TokenResponse = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export class TokenEndpointError extends Error {}

/**
 * The Hosted UI's token endpoint for a public client (no secret; PKCE instead): the code of a
 * sign-in for tokens, and a refresh token for new ones. Its answers are parsed at the boundary.
 */
export function tokenClient(endpoints: CognitoEndpoints) {
  async function post(form: Record<string, string>): Promise<TokenResponse> {
    const response = await fetch(endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: endpoints.clientId, ...form }),
      signal: AbortSignal.timeout(10_000),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = z.object({ error: z.string() }).safeParse(body);
      throw new TokenEndpointError(
        `The token endpoint refused: ${error.success ? error.data.error : response.status}`,
      );
    }
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) throw new TokenEndpointError('The token endpoint answered in an unknown shape');
    return parsed.data;
  }
  return {
    exchangeCode: (code: string, verifier: string) =>
      post({
        grant_type: 'authorization_code',
        code,
        redirect_uri: endpoints.callbackUrl,
        code_verifier: verifier,
      }),
    refresh: (refreshToken: string) => post({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    /**
     * Ends a refresh token (Cognito's /oauth2/revoke) and the access tokens it gave: the Hosted UI's
     * /logout clears only its own session, the tokens would stay valid. Best effort: sign-out
     * goes on whatever the endpoint says.
     */
    async revoke(refreshToken: string): Promise<void> {
      await fetch(endpoints.revoke, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: endpoints.clientId, token: refreshToken }),
        signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
    },
  };
}

export type TokenClient = ReturnType<typeof tokenClient>;
