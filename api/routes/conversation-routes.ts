import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  type AgentReply,
  ownedConversation,
  ReplyWindowClosedError,
  replyAsAgent,
} from '#agent/console/agent-reply.ts';
import { conversationView } from '#agent/console/conversation-view.ts';
import { listInbox } from '#agent/console/inbox.ts';
import { inboxItem } from '#agent/console/inbox-item.ts';
import { storeAttachment } from '#agent/console/reply-attachment.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import {
  ConversationIdParam,
  ConversationView,
  FileReplyForm,
  InboxItem,
  InboxPage,
  InboxQuery,
  json,
  Problem,
  ReleaseBody,
  ReplyBody,
  TakeoverBody,
  WindowClosedProblem,
} from './console-schemas.ts';

const SentReply = z.object({ wamid: z.string() }).openapi('SentReply');

/** The inbox and one conversation (Viewer reads), and what a person does with it (Operator). */
export function conversationRoutes(dependencies: ConsoleDependencies) {
  const { desk, audit } = dependencies;
  const viewer = requireRole('Viewer', audit);
  const operator = requireRole('Operator', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  /**
   * Sends what `replyOf` makes as the signed-in person; once the window has closed, a 409 offering
   * the templates instead of a failure.
   */
  async function send(
    c: Context<ConsoleEnv>,
    id: string,
    requestId: string,
    replyOf: () => Promise<AgentReply>,
  ) {
    const agentId = c.get('staff').username;
    try {
      return c.json(
        await replyAsAgent(desk, { conversationId: id, agentId, requestId, reply: await replyOf() }),
        200,
      );
    } catch (error) {
      // Audited as a failed request with its reason (failedMutationAudit).
      if (!(error instanceof ReplyWindowClosedError)) throw error;
      const { code, message, closedAtMs, templates } = error;
      return c.json({ error: code, message, closedAtMs, templates }, 409);
    }
  }

  const body = <Schema extends typeof TakeoverBody | typeof ReplyBody | typeof ReleaseBody>(
    schema: Schema,
  ) => ({
    body: { content: { 'application/json': { schema } }, required: true },
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/conversations',
      summary:
        'The inbox: waiting for a person first, then handled by a person, then the bot’s; searchable, a page at a time',
      middleware: [viewer] as const,
      request: { query: InboxQuery },
      responses: { 200: json(InboxPage, 'A page of the inbox') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await listInbox(desk, query, Date.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/conversations/{id}',
      summary: 'A conversation: messages with ticks, citations and tool calls, the handoff packet',
      middleware: [viewer] as const,
      request: { params: ConversationIdParam },
      responses: {
        200: json(ConversationView, 'The conversation'),
        404: json(Problem, 'No such conversation'),
      },
    }),
    async (c) => c.json(await conversationView(desk, c.req.valid('param').id, Date.now()), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{id}/takeover',
      summary: 'Take the conversation over, if it is still the version shown',
      middleware: [operator] as const,
      request: { params: ConversationIdParam, ...body(TakeoverBody) },
      responses: {
        200: json(InboxItem, 'Now yours'),
        404: json(Problem, 'No such conversation'),
        409: json(Problem, 'It changed since (a stale version) or another person has it'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const taken = await desk.ownership.takeover(id, c.get('staff').username, c.req.valid('json').version);
      return c.json(inboxItem(taken, desk.directory, Date.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{id}/reply',
      summary: 'Reply as the person who owns the conversation: a text in the 24-hour window, else a template',
      middleware: [operator] as const,
      request: { params: ConversationIdParam, ...body(ReplyBody) },
      responses: {
        200: json(SentReply, 'Sent'),
        409: json(WindowClosedProblem, 'Not the owner, or the window has closed (templates offered)'),
      },
    }),
    async (c) => {
      const { requestId, ...reply } = c.req.valid('json');
      return send(c, c.req.valid('param').id, requestId ?? crypto.randomUUID(), async () => reply);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{id}/reply-file',
      summary:
        "Reply with a file (multipart): its type judged by content, one WhatsApp carries, up to 4 MB and its type's limit",
      middleware: [operator] as const,
      request: {
        params: ConversationIdParam,
        body: { content: { 'multipart/form-data': { schema: FileReplyForm } }, required: true },
      },
      responses: {
        200: json(SentReply, 'Sent'),
        409: json(WindowClosedProblem, 'Not the owner, or the window has closed (templates offered)'),
        413: json(Problem, 'Larger than the console or WhatsApp takes'),
        415: json(Problem, 'A type WhatsApp does not carry'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { file, caption, requestId: given } = c.req.valid('form');
      const requestId = given ?? crypto.randomUUID();
      // Nothing is stored for someone who may not send it.
      await ownedConversation(desk, id, c.get('staff').username);
      return send(c, id, requestId, async () => ({
        file: await storeAttachment(desk, {
          conversationId: id,
          requestId,
          fileName: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        }),
        caption,
      }));
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/conversations/{id}/release',
      summary: 'Give the conversation back to the bot with a short summary (a new epoch)',
      middleware: [operator] as const,
      request: { params: ConversationIdParam, ...body(ReleaseBody) },
      responses: {
        200: json(InboxItem, 'The bot answers again'),
        409: json(Problem, 'Not yours to release'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const released = await desk.ownership.release(id, c.get('staff').username, c.req.valid('json').summary);
      return c.json(inboxItem(released, desk.directory, Date.now()), 200);
    },
  );
  return app;
}
