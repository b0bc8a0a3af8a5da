import type { MiddlewareHandler } from 'hono';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { ConsoleEnv } from './staff-session.ts';

/**
 * Every change a signed-in person asks for that does not happen is audited with its outcome:
 * a conflict (a stale takeover, a closed window, a decided invoice), a refused file, an invalid
 * body. Successes are audited by the domain functions, with what they did; 401 and 403 where they
 * are decided (the session, `requireRole`).
 */
export function failedMutationAudit(audit: AuditStore): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || status < 400 || status === 401 || status === 403)
      return;
    const staff = c.get('staff');
    if (!staff) return;
    const answer = (await c.res
      .clone()
      .json()
      .catch(() => undefined)) as { error?: unknown } | undefined;
    const conversationId = conversationOf(c.req.path);
    await audit.record({
      actorId: staff.username,
      action: 'console-request-failed',
      ...(conversationId ? { conversationId } : {}),
      details: {
        method: c.req.method,
        path: c.req.path,
        status,
        ...(typeof answer?.error === 'string' ? { error: answer.error } : {}),
      },
    });
  };
}

/** The conversation a path is about (`/api/conversations/<id>/…`), so the entry is found by conversation too. */
function conversationOf(path: string): string | undefined {
  const encoded = /^\/api\/conversations\/([^/]+)/.exec(path)?.[1];
  if (!encoded) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
