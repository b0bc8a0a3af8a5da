import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { AccessTokenVerifier } from './access-token-verifier.ts';
import { allows, type Role, type StaffMember } from './roles.ts';
import { sessionCookies } from './session-cookies.ts';
import type { TokenClient } from './token-client.ts';

export type ConsoleEnv = { Variables: { staff: StaffMember } };

export const sessionExpired = 'Session expired, please login again.';
/** A token this close to its expiry is renewed with the refresh token before it is used. */
const renewWithinMs = 2 * 60 * 1000;

/** A page (the browser navigates) rather than a call of the console's script or another client. */
function wantsPage(c: Context): boolean {
  return c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
}

/**
 * Every request of a signed-in area: the access token from its cookie verified (signature against
 * the JWKS, issuer, client, expiry, token use), renewed silently with the refresh token shortly
 * before it expires; without a valid session a page goes to the login page ("Session expired,
 * please login again." when there was one), a call gets 401. Signed-in responses are never stored
 * (`no-store`): after logout, the back button asks the server again and finds no session.
 */
export function staffSession(dependencies: {
  verifier: AccessTokenVerifier;
  tokens: TokenClient;
}): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    // The console's pages use the cookie; another client (the evals, a script) may send the header.
    const bearer = /^Bearer ([\w.-]+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const token = sessionCookies.access(c) ?? bearer;
    let staff = token ? await dependencies.verifier.staffOf(token).catch(() => undefined) : undefined;
    const refreshToken = bearer ? undefined : sessionCookies.refresh(c);
    if (refreshToken && (!staff || staff.expiresAtMs - Date.now() < renewWithinMs)) {
      const renewed = await dependencies.tokens
        .refresh(refreshToken)
        .then(async (tokens) => ({ tokens, staff: await dependencies.verifier.staffOf(tokens.access_token) }))
        .catch(() => undefined);
      if (renewed) {
        staff = renewed.staff;
        sessionCookies.setTokens(c, {
          accessToken: renewed.tokens.access_token,
          expiresInSeconds: renewed.tokens.expires_in,
        });
      }
    }
    c.header('Cache-Control', 'no-store');
    if (!staff) {
      const hadSession = Boolean(token || refreshToken);
      if (hadSession && !bearer) sessionCookies.clear(c);
      if (wantsPage(c)) {
        const { pathname, search } = new URL(c.req.url);
        // Back to the page asked for, its filters included.
        const returnTo = encodeURIComponent(`${pathname}${search}`);
        return c.redirect(`/login?${hadSession ? 'expired=1&' : ''}returnTo=${returnTo}`, 302);
      }
      return c.json(
        { error: 'unauthenticated', message: hadSession ? sessionExpired : 'Please sign in.' },
        401,
      );
    }
    c.set('staff', { id: staff.id, username: staff.username, role: staff.role });
    await next();
  };
}

/** The route needs at least `role`; anything less is refused with 403 and written to the audit log. */
export function requireRole(role: Role, audit: AuditStore): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const staff = c.get('staff');
    if (!allows(staff.role, role)) {
      await audit.record({
        actorId: staff.username,
        action: 'console-refused',
        details: { method: c.req.method, path: new URL(c.req.url).pathname, role: staff.role, needed: role },
      });
      // Answered by the app's error handler: JSON to a call, a page to a person.
      throw new ForbiddenError(`This needs the ${role} role.`);
    }
    await next();
  };
}
