import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { loginPage } from '../pages/login-page.ts';
import type { AccessTokenVerifier } from './access-token-verifier.ts';
import type { CognitoEndpoints } from './cognito-endpoints.ts';
import { sessionCookies } from './session-cookies.ts';
import type { TokenClient } from './token-client.ts';

const base64url = (bytes: Buffer) => bytes.toString('base64url');
/** Only a path of this console: never a redirect elsewhere (`//evil.example` is another site). */
const ownPath = (value: string | undefined) => (value && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : '/');

/**
 * Sign-in as the seed requires: the authorization code flow with PKCE (S256), `state` and `nonce`
 * against the Hosted UI, the code exchanged by the server for a public client (no secret), the
 * tokens only in HttpOnly cookies; and sign-out that clears them and signs out of the Hosted UI.
 */
export function signInRoutes(dependencies: {
  endpoints: CognitoEndpoints;
  tokens: TokenClient;
  verifier: AccessTokenVerifier;
}) {
  const { endpoints } = dependencies;
  const app = new Hono();

  app.get('/login', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(
      loginPage({ expired: c.req.query('expired') === '1', returnTo: ownPath(c.req.query('returnTo')) }),
    );
  });

  app.get('/auth/login', (c) => {
    const verifier = base64url(randomBytes(48));
    const signIn = {
      state: base64url(randomBytes(24)),
      nonce: base64url(randomBytes(24)),
      verifier,
      returnTo: ownPath(c.req.query('returnTo')),
    };
    sessionCookies.startSignIn(c, signIn);
    const authorize = new URL(endpoints.authorize);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: endpoints.clientId,
      redirect_uri: endpoints.callbackUrl,
      scope: endpoints.scopes.join(' '),
      state: signIn.state,
      nonce: signIn.nonce,
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    c.header('Cache-Control', 'no-store');
    return c.redirect(authorize.toString(), 302);
  });

  app.get('/auth/callback', async (c) => {
    c.header('Cache-Control', 'no-store');
    const signIn = sessionCookies.takeSignIn(c);
    const code = c.req.query('code');
    const failed = (reason: string) =>
      c.html(
        loginPage({
          expired: false,
          returnTo: '/',
          failed: `Sign-in could not be completed (${reason}). Please try again.`,
        }),
        400,
      );
    if (c.req.query('error')) return failed('the sign-in service refused it');
    if (!signIn || !code || c.req.query('state') !== signIn.state) return failed('it was not started here');
    try {
      const tokens = await dependencies.tokens.exchangeCode(code, signIn.verifier);
      await dependencies.verifier.checkIdToken(tokens.id_token, signIn.nonce);
      await dependencies.verifier.staffOf(tokens.access_token);
      sessionCookies.setTokens(c, {
        accessToken: tokens.access_token,
        expiresInSeconds: tokens.expires_in,
        ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
      });
      return c.redirect(signIn.returnTo, 302);
    } catch {
      return failed('the tokens were not accepted');
    }
  });

  /**
   * The seed's sign-out URL: with a session, the cookies go and the Hosted UI signs the user out,
   * then sends the browser back here, where there is no session any more: on to the login page.
   */
  app.get('/logout', async (c) => {
    c.header('Cache-Control', 'no-store');
    const refreshToken = sessionCookies.refresh(c);
    const hadSession = Boolean(sessionCookies.access(c) || refreshToken);
    sessionCookies.clear(c);
    if (refreshToken) await dependencies.tokens.revoke(refreshToken);
    if (!hadSession) return c.redirect('/login', 302);
    const logout = new URL(endpoints.logout);
    logout.search = new URLSearchParams({
      client_id: endpoints.clientId,
      logout_uri: endpoints.signOutUrl,
    }).toString();
    return c.redirect(logout.toString(), 302);
  });

  return app;
}
