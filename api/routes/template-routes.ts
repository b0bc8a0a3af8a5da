import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { syncTemplates } from '#channels/whatsapp/templates/template-sync.ts';
import { templatesView } from '#channels/whatsapp/templates/template-view.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { templatesPage } from '../pages/templates-page.ts';
import { json } from './console-schemas.ts';

const Template = z
  .object({
    name: z.string(),
    language: z.string(),
    category: z.string(),
    status: z.string(),
    body: z.string(),
    bodyParameters: z.number(),
    headerParameters: z.number(),
  })
  .openapi('Template');
const TemplatesView = z
  .object({
    syncedAt: z.string().nullable(),
    numbers: z.array(
      z.object({ displayNumber: z.string(), displayName: z.string(), templates: z.array(Template) }),
    ),
  })
  .openapi('TemplatesView');

/** The preview form: a template by its place on the page, and its parameters. */
const PreviewQuery = z.object({
  number: z.coerce.number().int().min(0).max(20).optional(),
  template: z.coerce.number().int().min(0).max(500).optional(),
  p: z.union([z.string().max(1024), z.array(z.string().max(1024)).max(20)]).optional(),
});

/** How long a sync stands before another reads the account again. */
const recentSyncMs = 30_000;

/** Templates: everyone signed in reads them (per business number, with a preview); an Admin syncs them. */
export function templateRoutes(dependencies: ConsoleDependencies) {
  const { config, clients, audit } = dependencies;
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/templates',
      summary: 'The approved WhatsApp templates of each business number (as last synced)',
      middleware: [requireRole('Viewer', audit)] as const,
      responses: { 200: json(TemplatesView, 'The templates') },
    }),
    async (c) => c.json(await templatesView(config, clients), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/templates/sync',
      summary: "Read the account's templates from EUM Social (ListWhatsAppMessageTemplates) into the catalog",
      middleware: [requireRole('Admin', audit)] as const,
      responses: {
        200: json(
          z.object({ syncedAt: z.string(), templates: z.number(), skipped: z.array(z.string()) }),
          'Synced',
        ),
      },
    }),
    async (c) => {
      // A sync moments after another (a double click, a second tab) reads nothing new: the account's
      // template API is limited to 10 requests a second, and a sync makes one per template.
      const current = await templatesView(config, clients);
      if (current.syncedAt && Date.now() - Date.parse(current.syncedAt) < recentSyncMs) {
        const templates = current.numbers.reduce((sum, number) => sum + number.templates.length, 0);
        return c.json({ syncedAt: current.syncedAt, templates, skipped: [] }, 200);
      }
      const { catalog, skipped } = await syncTemplates(config, clients);
      const templates = catalog.accounts.reduce((sum, account) => sum + account.templates.length, 0);
      await audit.record({
        actorId: c.get('staff').username,
        action: 'templates-synced',
        details: { templates, skipped },
      });
      return c.json({ syncedAt: catalog.syncedAt, templates, skipped }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/templates',
      summary: 'The templates page, with a preview of one filled in',
      middleware: [requireRole('Viewer', audit)] as const,
      request: { query: PreviewQuery },
      responses: { 200: { description: 'Templates', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const parameters = query.p === undefined ? [] : Array.isArray(query.p) ? query.p : [query.p];
      const preview =
        query.number === undefined || query.template === undefined
          ? undefined
          : { number: query.number, template: query.template, parameters };
      return c.html(templatesPage(c.get('staff'), await templatesView(config, clients), preview), 200);
    },
  );
  return app;
}
