import { z } from '@hono/zod-openapi';

/**
 * The console API's parameters and answers. A conversation id is `<business number's Meta id>#<customer
 * number>`, so in a path its `#` is written `%23`.
 */
export const ConversationIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{6,20}#\d{6,15}$/, {
      error: 'must be a conversation id: <business number id>#<customer number>',
    })
    .openapi({ param: { name: 'id', in: 'path' }, example: '831049713436137#919830012345' }),
});

export const InvoiceIdParam = z.object({
  id: z
    .string()
    .regex(/^inv-[0-9a-f]{20}$/, { error: 'must be an invoice id (inv-…)' })
    .openapi({ param: { name: 'id', in: 'path' }, example: 'inv-0a1b2c3d4e5f60718293' }),
});

export const WamidParam = z.object({
  wamid: z
    .string()
    .max(256)
    .regex(/^wamid\.[A-Za-z0-9+/=_-]+$/, { error: 'must be a WhatsApp message id (wamid.…)' })
    .openapi({ param: { name: 'wamid', in: 'path' }, example: 'wamid.HBgMOTE5ODMwMDEyMzQ1FQIAERgS' }),
});

export const State = z.enum(['waiting_for_human', 'human', 'bot']);

export const InboxQuery = z.object({
  state: State.optional().openapi({ param: { name: 'state', in: 'query' } }),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a cursor this API gave out' })
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ param: { name: 'q', in: 'query' }, example: 'मीरा' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

export const EventsQuery = z.object({
  since: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ param: { name: 'since', in: 'query' } }),
  conversation: ConversationIdParam.shape.id
    .optional()
    .openapi({ param: { name: 'conversation', in: 'query' } }),
});

export const InboxItem = z
  .object({
    id: z.string(),
    version: z.number().int(),
    state: State,
    businessPhoneNumberId: z.string(),
    businessNumber: z.string(),
    customerWaId: z.string(),
    customerName: z.string().nullable(),
    lastMessage: z
      .object({ role: z.enum(['customer', 'business']), text: z.string(), atMs: z.number() })
      .nullable(),
    owner: z.string().nullable(),
    lastActivityAtMs: z.number(),
    windowClosesAtMs: z.number().nullable(),
    windowOpen: z.boolean(),
    handoffReason: z.string().nullable(),
  })
  .openapi('InboxItem');

export const InboxPage = z
  .object({ items: z.array(InboxItem), nextCursor: z.string().optional() })
  .openapi('InboxPage');

const OfferedTemplate = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  body: z.string(),
  description: z.string(),
  parameters: z.array(z.object({ label: z.string(), value: z.string() })),
});

const Citation = z.object({ title: z.string(), uri: z.string(), chunkId: z.string().nullable() });
const ToolCall = z.object({ name: z.string(), ok: z.boolean() });

export const ConversationView = z
  .object({
    conversation: InboxItem.extend({ epoch: z.number().int(), humanSummary: z.string().nullable() }),
    handoff: z
      .object({
        reason: z.string(),
        summary: z.string(),
        intent: z.string().nullable(),
        facts: z.record(z.string(), z.string()),
        sources: z.array(z.string()),
        at: z.string().nullable(),
      })
      .nullable(),
    messages: z.array(
      z.object({
        wamid: z.string(),
        direction: z.enum(['in', 'out']),
        atMs: z.number(),
        text: z.string(),
        type: z.string(),
        status: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed', 'deleted']).optional(),
        failure: z
          .object({ codes: z.array(z.number()), titles: z.array(z.string()), meanings: z.array(z.string()) })
          .optional(),
        sentBy: z
          .union([
            z.object({ kind: z.literal('bot'), citations: z.array(Citation).optional() }),
            z.object({ kind: z.literal('agent'), agentId: z.string() }),
            z.object({ kind: z.literal('system'), reason: z.string() }),
          ])
          .optional(),
        replyTo: z.string().nullable().optional(),
        answers: z.array(z.string()).optional(),
        choiceId: z.string().optional(),
        toolCalls: z.array(ToolCall).optional(),
      }),
    ),
    invoices: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        amountPaise: z.number(),
        currency: z.string(),
        status: z.string(),
      }),
    ),
    templates: z.array(OfferedTemplate),
  })
  .openapi('ConversationView');

export const TakeoverBody = z.object({ version: z.number().int().min(0) });

const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/)
  .optional()
  .openapi({ description: 'Names this reply: a repeated request sends it once (the page sends a UUID).' });

export const ReplyBody = z.union([
  z.object({ text: z.string().trim().min(1).max(4096), requestId: RequestId }).strict(),
  z
    .object({
      template: z.object({
        name: z.string().regex(/^[a-z0-9_]{1,512}$/),
        language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
        parameters: z.array(z.string().trim().min(1).max(1024)).max(20).default([]),
      }),
      requestId: RequestId,
    })
    .strict(),
]);

export const FileReplyForm = z.object({
  file: z.instanceof(File, { message: 'a file is required' }).openapi({
    type: 'string',
    format: 'binary',
    description: 'The file; its type is judged by its content',
  }),
  caption: z.string().trim().max(1024).optional(),
  requestId: RequestId,
});

export const ReleaseBody = z.object({ summary: z.string().trim().min(3).max(1000) });
export const RejectBody = z.object({ reason: z.string().trim().min(3).max(500) });
export const FlagBody = z.object({ note: z.string().trim().min(3).max(1000) });

export const Problem = z.object({ error: z.string(), message: z.string() }).openapi('Problem');

export const WindowClosedProblem = Problem.extend({
  closedAtMs: z.number().nullable(),
  templates: z.array(OfferedTemplate),
}).openapi('WindowClosedProblem');

export const json = <Schema extends z.ZodType>(schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
