import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';

/**
 * The console's session lives only in cookies the page's script cannot read (`HttpOnly`), sent
 * only over HTTPS (`Secure`; browsers also allow it on localhost) and not on cross-site requests
 * that change anything (`SameSite=Lax`): the access token, the refresh token, and during a
 * sign-in its PKCE verifier, state and nonce. Nothing is ever put in localStorage or page script.
 */
const names = { access: 'wecare_access', refresh: 'wecare_refresh', signIn: 'wecare_sign_in' } as const;
const base = { httpOnly: true, secure: true, sameSite: 'Lax' as const, path: '/' };
/** Cognito's default refresh token lifetime. */
const refreshMaxAgeSeconds = 30 * 24 * 60 * 60;

const SignIn = z.object({
  state: z.string().min(20).max(100),
  nonce: z.string().min(20).max(100),
  verifier: z.string().min(43).max(128),
  returnTo: z.string().startsWith('/').max(500),
});
export type SignIn = z.infer<typeof SignIn>;

export const sessionCookies = {
  access: (c: Context) => getCookie(c, names.access),
  refresh: (c: Context) => getCookie(c, names.refresh),
  setTokens(c: Context, tokens: { accessToken: string; expiresInSeconds: number; refreshToken?: string }) {
    setCookie(c, names.access, tokens.accessToken, { ...base, maxAge: tokens.expiresInSeconds });
    if (tokens.refreshToken)
      setCookie(c, names.refresh, tokens.refreshToken, { ...base, maxAge: refreshMaxAgeSeconds });
  },
  clear(c: Context) {
    for (const name of Object.values(names)) deleteCookie(c, name, base);
  },
  /** The sign-in under way: ten minutes to come back from the Hosted UI. */
  startSignIn(c: Context, signIn: SignIn) {
    setCookie(c, names.signIn, JSON.stringify(signIn), { ...base, path: '/auth', maxAge: 600 });
  },
  /** The sign-in under way, once: it is cleared as it is read. */
  takeSignIn(c: Context): SignIn | undefined {
    const raw = getCookie(c, names.signIn);
    deleteCookie(c, names.signIn, { ...base, path: '/auth' });
    if (!raw) return undefined;
    try {
      const parsed = SignIn.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  },
};
