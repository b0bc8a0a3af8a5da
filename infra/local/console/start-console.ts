import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { adminConsole } from '#functions/parts/console.ts';
import type { RunningService } from '../running-service.ts';

/**
 * The console on one machine: the same Hono app the `wecare-admin-api` function runs, served by
 * Node instead of API Gateway and Lambda, on `config.local.consoleEndpoint` (or any free port).
 * The app is built from the process's configuration, which the local world has just set.
 */
export function startConsole(port: number): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request) => adminConsole().fetch(request), port, hostname: '127.0.0.1' },
      (info: AddressInfo) =>
        resolve({
          name: 'Console (admin API)',
          endpoint: `http://localhost:${info.port}`,
          stop: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
    server.once('error', reject);
  });
}
