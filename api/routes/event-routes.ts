import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { InboxWatch } from '#agent/console/inbox-watch.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { EventsQuery } from './console-schemas.ts';

/**
 * Live updates as server-sent events. In Lambda no memory is shared between requests, so the stream
 * polls the `by-state` index itself (InboxWatch) every `pollMs`, for at most `durationMs`. It ends
 * as soon as it has sent a change: API Gateway's HTTP API delivers a Lambda response whole, so a
 * stream that stayed open would reach the browser only when it ended; ending at the first change
 * makes it a long poll that works the same buffered (AWS) or streamed (Node). The browser's
 * EventSource reconnects by itself after `retry`, with the last event's id (the time of the last
 * look) as `Last-Event-ID`, so nothing that moved in between is missed.
 */
export function eventRoutes(dependencies: ConsoleDependencies) {
  const { desk, audit, events } = dependencies;
  const app = new OpenAPIHono<ConsoleEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/events',
      summary:
        'Server-sent events: `conversation` (a line of the inbox changed) and `messages` (the open conversation changed)',
      middleware: [requireRole('Viewer', audit)] as const,
      request: { query: EventsQuery },
      responses: {
        200: {
          description: 'An event stream that ends after about 25 s',
          content: { 'text/event-stream': { schema: z.string() } },
        },
      },
    }),
    (c) => {
      const query = c.req.valid('query');
      const lastEventId = Number(c.req.header('last-event-id'));
      const sinceMs =
        Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : (query.since ?? Date.now());
      const watch = new InboxWatch(desk, { sinceMs, conversationId: query.conversation });
      return streamSSE(c, async (stream) => {
        const endAtMs = Date.now() + events.durationMs;
        await stream.writeSSE({ event: 'ready', data: '{}', id: String(sinceMs), retry: events.pollMs });
        while (!stream.aborted && Date.now() < endAtMs) {
          const lookedAtMs = Date.now();
          const changes = await watch.changes(lookedAtMs);
          for (const change of changes) {
            await stream.writeSSE({
              event: change.kind,
              data: JSON.stringify(change),
              id: String(lookedAtMs),
            });
          }
          if (changes.length > 0) break;
          await stream.sleep(events.pollMs);
        }
      });
    },
  );
  return app;
}
