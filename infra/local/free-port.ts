import { createServer } from 'node:net';

/** A TCP port on loopback that nothing listens on right now (for servers run as child processes). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The port of an `http://host:port` endpoint, or 0 (any free port) when it has none. */
export function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port || 0);
}
