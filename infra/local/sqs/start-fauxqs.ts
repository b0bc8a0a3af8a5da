import { buildApp } from 'fauxqs';
import type { RunningService } from '../running-service.ts';

/**
 * fauxqs: SQS's JSON protocol (the one the current SDK speaks) with visibility timeouts, receive
 * counts and redrive to dead-letter queues, in this process. Queues live in memory only. We build
 * the app and listen ourselves because fauxqs' own starter binds every interface, not just loopback.
 */
export async function startFauxqs(options: { port: number }): Promise<RunningService> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: options.port, host: '127.0.0.1' });
  return {
    name: 'SQS (fauxqs)',
    endpoint: address.replace('localhost', '127.0.0.1'),
    stop: () => app.close(),
  };
}
