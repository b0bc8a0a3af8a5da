import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ForbiddenError, ValidationError } from '#core/errors/app-errors.ts';
import type { AuditPage } from '#core/stores/audit-query.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { auditPage } from '../pages/audit-page.ts';
import { json, Problem } from './console-schemas.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** A day (`2026-11-30`, the whole UTC day) or an instant (ISO 8601). */
const When = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'a date (YYYY-MM-DD) or an ISO 8601 time');

/** A field the filter form left empty is no filter. */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const AuditQueryParams = z.object({
  // User names are lowercase in the pool: `MEERA.OPERATOR` finds meera.operator.
  actor: optional(z.string().min(1).max(128).toLowerCase()),
  conversation: optional(z.string().min(1).max(256)),
  action: optional(
    z
      .string()
      .toLowerCase()
      .regex(/^[a-z][a-z-]{1,63}$/),
  ),
  from: optional(When),
  to: optional(When),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
type AuditQueryParams = z.infer<typeof AuditQueryParams>;

const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    atMs: z.number(),
    actorId: z.string(),
    action: z.string(),
    conversationId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AuditEntry');

/**
 * The audit log (Viewer and up): an Admin reads everyone's entries, anyone else their own; by actor,
 * conversation and action, newest first, within dates (the last 30 days unless asked), paged. Read
 * only: there is no route that edits or deletes an entry, and the function may not (IAM).
 */
export function auditRoutes(dependencies: ConsoleDependencies) {
  const { audit } = dependencies;
  const viewer = requireRole('Viewer', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      summary: "Audit entries, newest first: an Admin's of everyone, anyone else's of their own",
      middleware: [viewer] as const,
      request: { query: AuditQueryParams },
      responses: {
        200: json(
          z.object({ items: z.array(AuditEntry), nextCursor: z.string().optional() }),
          'A page of entries',
        ),
        403: json(Problem, "Someone else's entries, asked by a non-Admin"),
      },
    }),
    async (c) => c.json(await readAudit(c, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/audit',
      summary: 'The audit page',
      middleware: [viewer] as const,
      request: { query: AuditQueryParams },
      responses: { 200: { description: 'The audit log', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.html(auditPage(c.get('staff'), query, await readAudit(c, query)), 200);
    },
  );

  async function readAudit(c: Context<ConsoleEnv>, query: AuditQueryParams): Promise<AuditPage> {
    const staff = c.get('staff');
    const actorId = staff.role === 'Admin' ? query.actor : (query.actor ?? staff.username);
    if (actorId !== undefined && staff.role !== 'Admin' && actorId !== staff.username) {
      await audit.record({
        actorId: staff.username,
        action: 'console-refused',
        details: { method: 'GET', path: c.req.path, role: staff.role, needed: 'Admin' },
      });
      throw new ForbiddenError('Only an Admin reads the entries of others.');
    }
    if (query.from && query.to && Date.parse(query.from) > endOf(query.to))
      throw new ValidationError('from: the start date is after the end date', { details: { field: 'from' } });
    const nowMs = Date.now();
    const toMs = query.to ? Math.min(endOf(query.to), nowMs) : nowMs;
    // Nothing is kept longer than the retention (the table's TTL): an earlier start reads no more.
    const keptSinceMs = nowMs - dependencies.config.auditRetentionDays * dayMs;
    const fromMs = Math.max(query.from ? Date.parse(query.from) : toMs - 30 * dayMs, keptSinceMs);
    if (fromMs > toMs) return { items: [] };
    return audit.query({
      actorId,
      conversationId: query.conversation,
      action: query.action,
      fromMs,
      toMs,
      limit: query.limit,
      cursor: query.cursor,
    });
  }
  return app;
}

/** The end of a day given as `YYYY-MM-DD` (its last millisecond), or the instant given. */
function endOf(when: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? Date.parse(when) + dayMs - 1 : Date.parse(when);
}
