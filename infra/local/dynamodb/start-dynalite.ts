import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';
import type { RunningService } from '../running-service.ts';
import { closeLevelIteratorsOnReturn } from './close-level-iterators.ts';

/**
 * dynalite: DynamoDB's wire protocol in pure JavaScript, in this process. In memory when `path` is
 * absent (tests), on disk otherwise (`npm start`, kept across restarts).
 */
export async function startDynalite(options: { port: number; path?: string }): Promise<RunningService> {
  if (options.path) await mkdir(options.path, { recursive: true });
  closeLevelIteratorsOnReturn();
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    name: 'DynamoDB (dynalite)',
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
