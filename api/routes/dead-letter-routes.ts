import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  deadLetterQueueDepths,
  peekDeadLetters,
  replayFromConsole,
} from '#channels/dead-letters/dead-letter-desk.ts';
import {
  type DeadLetterQueueAlias,
  deadLetterQueueAliases,
} from '#channels/dead-letters/dead-letter-queues.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { deadLettersPage } from '../pages/dead-letters-page.ts';
import { json } from './console-schemas.ts';

const queues = Object.keys(deadLetterQueueAliases) as [DeadLetterQueueAlias, ...DeadLetterQueueAlias[]];
const QueueParam = z.object({ queue: z.enum(queues).openapi({ param: { name: 'queue', in: 'path' } }) });
const LettersQuery = z.object({ max: z.coerce.number().int().min(1).max(100).default(50) });
/** Replays at most this many letters per request: each runs a function, and the request must end within API Gateway's 30 s. */
const replayBatch = 10;
/** The letters chosen, or explicitly the next ones in the queue: an empty choice replays nothing. */
const ReplayBody = z.union([
  z.object({ ids: z.array(z.string().min(1).max(128)).min(1).max(replayBatch) }).strict(),
  z.object({ next: z.union([z.literal(true), z.literal('true')]) }).strict(),
]);

const QueueDepth = z
  .object({ queue: z.string(), name: z.string(), waiting: z.number(), inFlight: z.number() })
  .openapi('DeadLetterQueueDepth');
const Letter = z
  .object({
    id: z.string(),
    kind: z.string(),
    reason: z.string(),
    firstSeenAt: z.string(),
    receiveCount: z.number(),
    preview: z.string(),
  })
  .openapi('DeadLetter');
const ReplayResult = z
  .object({ id: z.string(), kind: z.string(), outcome: z.string(), reason: z.string().optional() })
  .openapi('ReplayResult');

/** Dead letters (Admin): the queues' depths, their letters (masked), and replays with each letter's outcome. */
export function deadLetterRoutes(dependencies: ConsoleDependencies) {
  const { config, clients, audit } = dependencies;
  const admin = requireRole('Admin', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dead-letters',
      summary: 'The dead-letter queues with their depth',
      middleware: [admin] as const,
      responses: { 200: json(z.object({ queues: z.array(QueueDepth) }), 'The queues') },
    }),
    async (c) => c.json({ queues: await deadLetterQueueDepths(config, clients) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dead-letters/{queue}',
      summary: "A queue's letters: reason, first seen, a masked preview (listing leaves them in the queue)",
      middleware: [admin] as const,
      request: { params: QueueParam, query: LettersQuery },
      responses: { 200: json(z.object({ letters: z.array(Letter) }), 'The letters') },
    }),
    async (c) =>
      c.json(
        {
          letters: await peekDeadLetters(
            config,
            clients,
            c.req.valid('param').queue,
            c.req.valid('query').max,
          ),
        },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/dead-letters/{queue}/replay',
      summary:
        'Replay the chosen letters (up to 10), or the next 10: each through the function that failed it, once',
      middleware: [admin] as const,
      request: {
        params: QueueParam,
        body: { content: { 'application/json': { schema: ReplayBody } }, required: true },
      },
      responses: { 200: json(z.object({ results: z.array(ReplayResult) }), 'The outcome of each letter') },
    }),
    async (c) => {
      const { queue } = c.req.valid('param');
      const body = c.req.valid('json');
      const ids = 'ids' in body ? body.ids : undefined;
      const results = await replayFromConsole(clients, { queue, ids, max: ids ? 500 : replayBatch });
      const outcomes: Record<string, number> = {};
      for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      await audit.record({
        actorId: c.get('staff').username,
        action: 'dead-letters-replayed',
        details: { queue, asked: ids ?? 'next', outcomes, letters: results.map((result) => result.id) },
      });
      return c.json({ results }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/dead-letters',
      summary: 'The dead letters page',
      middleware: [admin] as const,
      request: { query: z.object({ queue: z.enum(queues).optional() }) },
      responses: { 200: { description: 'Dead letters', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const depths = await deadLetterQueueDepths(config, clients);
      const queue =
        c.req.valid('query').queue ?? depths.find((depth) => depth.waiting > 0)?.queue ?? queues[0];
      const letters = await peekDeadLetters(config, clients, queue, 50);
      return c.html(deadLettersPage(c.get('staff'), { depths, queue, letters }), 200);
    },
  );
  return app;
}
