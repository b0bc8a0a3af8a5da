import '#core/aws/clients/s3.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { latestPublishedReport } from '#evals/run/published-report.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { evalsPage } from '../pages/evals-page.ts';
import { json, Problem } from './console-schemas.ts';

/** The latest evals report (published with `npm run evals -- --publish`), for every signed-in role. */
export function evalsRoutes(dependencies: ConsoleDependencies) {
  const { config, clients, audit } = dependencies;
  const viewer = requireRole('Viewer', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/evals/latest',
      summary: 'The latest published evals report (JSON, schema version 1)',
      middleware: [viewer] as const,
      responses: {
        200: json(
          z.object({ report: z.record(z.string(), z.unknown()).nullable() }),
          'The report, or null when none is published',
        ),
        409: json(Problem, 'A report of another schema version'),
      },
    }),
    async (c) => c.json({ report: (await latestPublishedReport(clients.s3, config)) ?? null }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/evals',
      summary: 'The latest evals report: scores, regressions, failing cases',
      middleware: [viewer] as const,
      responses: { 200: { description: 'Evals', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => c.html(evalsPage(c.get('staff'), await latestPublishedReport(clients.s3, config)), 200),
  );
  return app;
}
