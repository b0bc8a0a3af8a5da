import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { dashboardView } from '#core/stats/dashboard-view.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { dashboardPage } from '../pages/dashboard-page.ts';
import { json } from './console-schemas.ts';

const DaysQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((days) => [7, 14, 30, 90].includes(days), { error: 'must be 7, 14, 30 or 90' })
    .default(14)
    .openapi({ param: { name: 'days', in: 'query' }, example: 14 }),
});

const Count = z.number().int();
const Dashboard = z
  .object({
    days: z.array(
      z.object({
        day: z.string(),
        whatsAppIn: Count,
        whatsAppOut: Count,
        smsOut: Count,
        emailOut: Count,
        botReplies: Count,
        peopleReplies: Count,
        handoffs: Count,
      }),
    ),
    totals: z.record(z.string(), Count),
    handoffReasons: z.array(z.object({ reason: z.string(), count: Count })),
    failuresByCode: z.array(z.object({ code: z.string(), count: Count })),
    humanReply: z.object({
      replies: Count,
      medianWithinSeconds: z.number().nullable(),
      medianOverADay: z.boolean(),
      meanSeconds: z.number().nullable(),
    }),
  })
  .openapi('Dashboard');

/** The dashboard, for everyone signed in: read from the day counters the pipeline keeps (no Scan). */
export function dashboardRoutes(dependencies: ConsoleDependencies) {
  const { audit, desk } = dependencies;
  const viewer = requireRole('Viewer', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dashboard',
      summary:
        'Messages in and out per channel and day, bot versus people, handoff reasons, time to a human reply, failures by WhatsApp error code',
      middleware: [viewer] as const,
      request: { query: DaysQuery },
      responses: { 200: json(Dashboard, 'The dashboard') },
    }),
    async (c) => c.json(await dashboardView(desk.stats, c.req.valid('query').days), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/dashboard',
      summary: 'The dashboard page, with its charts',
      middleware: [viewer] as const,
      request: { query: DaysQuery },
      responses: { 200: { description: 'Dashboard', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const { days } = c.req.valid('query');
      return c.html(dashboardPage(c.get('staff'), await dashboardView(desk.stats, days), days), 200);
    },
  );
  return app;
}
