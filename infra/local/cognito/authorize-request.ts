import * as z from 'zod';
import { OAuthError, parseOAuth, singleValued } from './oauth-error.ts';

/** PKCE's code challenge and verifier alphabet and lengths (RFC 7636 §4.1, §4.2). */
export const pkceValue = z
  .string()
  .regex(/^[A-Za-z0-9\-._~]{43,128}$/, 'must be 43 to 128 unreserved characters');

/**
 * What `/oauth2/authorize` accepts: the authorization code flow with PKCE (S256) only, as the
 * seed's app client is set up; `login_hint` names the user and skips the picker.
 *
 * @example { response_type: 'code', client_id: '390cro53nf7gerev44gnq7felt', redirect_uri: 'http://localhost:4571/auth/callback',
 *   scope: 'openid email profile', state: 'x1', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }
 */
const AuthorizeQuery = z.object({
  response_type: z.literal('code', 'only the authorization code grant (response_type=code) is allowed'),
  client_id: z.string(),
  redirect_uri: z.string(),
  scope: z.string().min(1, 'scope is required').max(1024),
  state: z.string().max(2048).optional(),
  nonce: z.string().max(2048).optional(),
  code_challenge: pkceValue,
  code_challenge_method: z.literal('S256', 'code_challenge_method must be S256'),
  login_hint: z.string().max(128).optional(),
});

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge: string;
  loginHint?: string;
}

/** Why an authorize request is refused, and how: on Cognito's page (`page`) or back to the app (`redirect`). */
export type AuthorizeRefusal = { page: string } | { redirect: string };

/**
 * An authorize request checked in OAuth's order (RFC 6749 §4.1.2.1): a wrong client or a
 * redirect URI that is not exactly an allowed one is shown on a page, never redirected to; any
 * other fault goes back to the (now trusted) redirect URI as `error` and `state`.
 */
export function readAuthorizeRequest(
  query: URLSearchParams,
  client: { clientId: string; callbackUrls: readonly string[]; scopes: readonly string[] },
): { request: AuthorizeRequest } | { refused: AuthorizeRefusal } {
  let fields: Record<string, string>;
  try {
    fields = singleValued(query);
  } catch (error) {
    if (error instanceof OAuthError) return { refused: { page: error.description } };
    throw error;
  }
  if (fields.client_id !== client.clientId)
    return { refused: { page: 'unauthorized_client: unknown client_id' } };
  const redirectUri = fields.redirect_uri ?? '';
  if (!client.callbackUrls.includes(redirectUri))
    return { refused: { page: 'redirect_mismatch: redirect_uri is not an allowed callback URL' } };
  const back = (code: string, description: string) => {
    const target = new URL(redirectUri);
    target.searchParams.set('error', code);
    target.searchParams.set('error_description', description);
    if (fields.state !== undefined) target.searchParams.set('state', fields.state);
    return { refused: { redirect: target.toString() } };
  };
  try {
    const query = parseOAuth(AuthorizeQuery, fields);
    const scopes = query.scope.split(' ').filter(Boolean);
    if (!scopes.includes('openid')) return back('invalid_scope', 'scope must include openid');
    const unknown = scopes.find((scope) => !client.scopes.includes(scope));
    if (unknown) return back('invalid_scope', `scope ${unknown} is not allowed for this client`);
    return {
      request: {
        clientId: query.client_id,
        redirectUri,
        scope: [...new Set(scopes)].join(' '),
        codeChallenge: query.code_challenge,
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(query.nonce === undefined ? {} : { nonce: query.nonce }),
        ...(query.login_hint === undefined ? {} : { loginHint: query.login_hint }),
      },
    };
  } catch (error) {
    if (error instanceof OAuthError) return back(error.code, error.description);
    throw error;
  }
}
