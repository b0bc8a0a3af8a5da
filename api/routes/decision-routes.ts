import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { awaitingApproval } from '#agent/console/approvals.ts';
import { flagBotReply } from '#agent/console/flag-reply.ts';
import { approve, reject } from '#agent/console/invoice-decision.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { FlagBody, InvoiceIdParam, json, Problem, RejectBody, WamidParam } from './console-schemas.ts';

const InvoiceDecision = z
  .object({
    invoice: z.object({ id: z.string(), status: z.string(), amountPaise: z.number(), currency: z.string() }),
    url: z.string().optional(),
    customerTold: z.union([z.object({ wamid: z.string() }), z.object({ problem: z.string() })]),
  })
  .openapi('InvoiceDecision');

const AwaitingApproval = z
  .object({
    invoiceId: z.string(),
    conversationId: z.string(),
    customerWaId: z.string(),
    customerName: z.string().nullable(),
    description: z.string(),
    amountPaise: z.number(),
    currency: z.string(),
    waitingSinceMs: z.number(),
  })
  .openapi('AwaitingApproval');

const Flag = z
  .object({
    id: z.string(),
    wamid: z.string(),
    conversationId: z.string(),
    note: z.string(),
    flaggedBy: z.string(),
  })
  .openapi('Flag');

/** An Operator's decisions: invoices waiting for approval (listed to everyone), and bot replies flagged as wrong. */
export function decisionRoutes(dependencies: ConsoleDependencies) {
  const { desk, audit } = dependencies;
  const operator = requireRole('Operator', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/approvals',
      summary: 'Invoices waiting for an Operator, longest waiting first',
      middleware: [requireRole('Viewer', audit)] as const,
      responses: { 200: json(z.object({ items: z.array(AwaitingApproval) }), 'The invoices waiting') },
    }),
    async (c) => c.json({ items: await awaitingApproval(desk) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/invoices/{id}/approve',
      summary:
        'Approve an invoice waiting for approval: it is issued and its payment link goes to the customer',
      middleware: [operator] as const,
      request: { params: InvoiceIdParam },
      responses: {
        200: json(InvoiceDecision, 'Approved'),
        404: json(Problem, 'No such invoice'),
        409: json(Problem, 'Not waiting for approval'),
      },
    }),
    async (c) => c.json(await approve(desk, c.req.valid('param').id, c.get('staff').username), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/invoices/{id}/reject',
      summary: 'Reject an invoice waiting for approval; the customer is told',
      middleware: [operator] as const,
      request: {
        params: InvoiceIdParam,
        body: { content: { 'application/json': { schema: RejectBody } }, required: true },
      },
      responses: {
        200: json(InvoiceDecision, 'Rejected'),
        404: json(Problem, 'No such invoice'),
        409: json(Problem, 'Not waiting for approval'),
      },
    }),
    async (c) =>
      c.json(
        await reject(desk, c.req.valid('param').id, c.get('staff').username, c.req.valid('json').reason),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/messages/{wamid}/flag',
      summary: 'Flag a reply of the bot as wrong, with a note, for the evals suite',
      middleware: [operator] as const,
      request: {
        params: WamidParam,
        body: { content: { 'application/json': { schema: FlagBody } }, required: true },
      },
      responses: {
        200: json(Flag, 'Flagged'),
        400: json(Problem, 'Not a reply of the bot'),
        404: json(Problem, 'No such message'),
      },
    }),
    async (c) => {
      const flag = await flagBotReply(desk, {
        wamid: c.req.valid('param').wamid,
        note: c.req.valid('json').note,
        flaggedBy: c.get('staff').username,
      });
      return c.json(
        {
          id: flag.id,
          wamid: flag.wamid,
          conversationId: flag.conversationId,
          note: flag.note,
          flaggedBy: flag.flaggedBy,
        },
        200,
      );
    },
  );
  return app;
}
