import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { awaitingApproval } from '#agent/console/approvals.ts';
import { conversationView } from '#agent/console/conversation-view.ts';
import { listInbox } from '#agent/console/inbox.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { conversationPage } from '../pages/conversation-page.ts';
import { inboxPage } from '../pages/inbox-page.ts';
import { ConversationIdParam, InboxQuery } from './console-schemas.ts';

const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** The console's pages, rendered on the server (hono/html); the script `/assets/console.js` makes them live. */
export function pageRoutes(dependencies: ConsoleDependencies) {
  const { desk, audit } = dependencies;
  const viewer = requireRole('Viewer', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/inbox',
      summary: 'The inbox page',
      middleware: [viewer] as const,
      request: { query: InboxQuery },
      responses: { 200: htmlPage('The inbox') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const nowMs = Date.now();
      const [inbox, approvals] = await Promise.all([listInbox(desk, query, nowMs), awaitingApproval(desk)]);
      const filter = { state: query.state, q: query.q };
      return c.html(inboxPage(c.get('staff'), { inbox, approvals }, filter, nowMs), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/conversations/{id}',
      summary: 'A conversation page',
      middleware: [viewer] as const,
      request: { params: ConversationIdParam },
      responses: { 200: htmlPage('The conversation') },
    }),
    async (c) => {
      const nowMs = Date.now();
      const view = await conversationView(desk, c.req.valid('param').id, nowMs);
      return c.html(conversationPage(c.get('staff'), view, nowMs), 200);
    },
  );
  return app;
}
