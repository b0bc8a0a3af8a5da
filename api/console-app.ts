import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { attachmentMaxBytes } from '#agent/console/reply-attachment.ts';
import { consoleAssets } from './assets/console-assets.ts';
import { failedMutationAudit } from './auth/failed-mutation-audit.ts';
import { sameOrigin } from './auth/same-origin.ts';
import { signInRoutes } from './auth/sign-in-routes.ts';
import { type ConsoleEnv, staffSession } from './auth/staff-session.ts';
import type { ConsoleDependencies } from './console-dependencies.ts';
import { errorResponse, problem } from './error-response.ts';
import { apiDocsPage } from './pages/api-docs-page.ts';
import { paymentLinkRoutes } from './routes/payment-link-routes.ts';
import { staffRoutes } from './routes/staff-routes.ts';

/**
 * The console: one Hono app, run by `hono/aws-lambda` in AWS and by Node on one machine. Its own
 * middleware is the seed's `wecare-auth-middleware`: the session lives in HttpOnly cookies, which
 * an API Gateway JWT authorizer cannot read (it reads the Authorization header), and pages need a
 * redirect to sign-in rather than a bare 401; one function also keeps one cold start.
 */
export function consoleApp(dependencies: ConsoleDependencies) {
  const { endpoints, config } = dependencies;
  const app = new OpenAPIHono<ConsoleEnv>({ defaultHook: invalidRequest });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'", endpoints.authorize],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'same-origin',
      // HSTS only where the console is served over HTTPS (production); not on localhost.
      strictTransportSecurity: config.console.baseUrl.startsWith('https://')
        ? 'max-age=63072000; includeSubDomains'
        : false,
    }),
  );
  app.use(sameOrigin(endpoints.consoleOrigin));
  // A reply, a summary or a note: nothing the console takes is larger, but a file attached to a reply.
  const smallBodies = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.json({ error: 'too-large', message: 'The request body is larger than 64 KB.' }, 413),
  });
  const fileBodies = bodyLimit({
    maxSize: attachmentMaxBytes + 64 * 1024,
    onError: (c) => c.json({ error: 'too-large', message: 'The console takes files up to 4 MB.' }, 413),
  });
  // Files: a reply's attachment, a contacts CSV, a Knowledge Base document, the service catalog.
  const takesFiles = (path: string) =>
    path.endsWith('/reply-file') ||
    path === '/api/contacts/import' ||
    path.startsWith('/api/knowledge-base/documents') ||
    path === '/api/knowledge-base/catalog';
  app.use((c, next) => (takesFiles(c.req.path) ? fileBodies(c, next) : smallBodies(c, next)));
  app.route('/', consoleAssets());
  app.route('/', signInRoutes(dependencies));
  app.route('/', paymentLinkRoutes(dependencies));
  app.use('/api/*', staffSession(dependencies));
  app.use('/api/*', failedMutationAudit(dependencies.audit));
  app.use('/console/*', staffSession(dependencies));
  app.get('/', (c) => c.redirect('/console/inbox', 302));
  app.route('/', staffRoutes(dependencies));
  const documentInfo = { openapi: '3.1.0', info: { title: 'WECARE.DIGITAL console API', version: '1' } };
  app.doc31('/api/openapi.json', documentInfo);
  app.get('/console/api-docs', (c) => c.html(apiDocsPage(app.getOpenAPI31Document(documentInfo) as never)));
  app.notFound((c) => problem(c, 404, { error: 'not-found', message: 'There is nothing here.' }));
  app.onError((error, c) => errorResponse(error, c));
  return app;
}

/** A request that does not match its route's schema: 400 with every field's problem. */
function invalidRequest(
  result: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } },
  c: Context,
) {
  if (result.success) return;
  const fields = (result.error?.issues ?? []).map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return problem(c, 400, { error: 'invalid-request', message: 'The request is not valid.', fields });
}
