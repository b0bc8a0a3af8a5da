import type { MiddlewareHandler } from 'hono';
import { sessionCookies } from './session-cookies.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A change made with the session cookies must come from the console's own pages: its `Origin` is
 * the console's (browsers send it on every POST, PUT, PATCH and DELETE). `SameSite=Lax` already
 * keeps the cookies off other sites' POSTs; this holds also for a same-site neighbour. A client
 * that sends its token in an `Authorization` header carries no ambient credential to abuse.
 */
export function sameOrigin(consoleOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    const usesCookies = Boolean(sessionCookies.access(c) || sessionCookies.refresh(c));
    if (!safeMethods.has(c.req.method) && usesCookies && c.req.header('origin') !== consoleOrigin)
      return c.json({ error: 'forbidden', message: 'Changes must come from the console itself.' }, 403);
    await next();
  };
}
