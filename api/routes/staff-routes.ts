import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ConsoleEnv } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { auditRoutes } from './audit-routes.ts';
import { contactRoutes } from './contact-routes.ts';
import { conversationRoutes } from './conversation-routes.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { deadLetterRoutes } from './dead-letter-routes.ts';
import { decisionRoutes } from './decision-routes.ts';
import { evalsRoutes } from './evals-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { knowledgeBaseRoutes } from './knowledge-base-routes.ts';
import { pageRoutes } from './page-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { userRoutes } from './user-routes.ts';

const Me = z
  .object({ id: z.string(), username: z.string(), role: z.enum(['Viewer', 'Operator', 'Admin']) })
  .openapi('Me');

/** The signed-in areas: the JSON API under `/api` and the pages under `/console`. */
export function staffRoutes(dependencies: ConsoleDependencies) {
  const app = new OpenAPIHono<ConsoleEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'Who is signed in, and their role',
      responses: {
        200: { description: 'The signed-in staff member', content: { 'application/json': { schema: Me } } },
      },
    }),
    (c) => c.json(c.get('staff'), 200),
  );
  app.route('/', conversationRoutes(dependencies));
  app.route('/', decisionRoutes(dependencies));
  app.route('/', eventRoutes(dependencies));
  app.route('/', pageRoutes(dependencies));
  app.route('/', userRoutes(dependencies));
  app.route('/', auditRoutes(dependencies));
  app.route('/', deadLetterRoutes(dependencies));
  app.route('/', templateRoutes(dependencies));
  app.route('/', contactRoutes(dependencies));
  app.route('/', knowledgeBaseRoutes(dependencies));
  app.route('/', dashboardRoutes(dependencies));
  app.route('/', evalsRoutes(dependencies));
  return app;
}
