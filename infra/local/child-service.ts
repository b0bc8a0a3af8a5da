import type { ChildProcess } from 'node:child_process';
import type { RunningService } from './running-service.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Supervises a server run as a child process: waits until `ready` answers, kills the child if it
 * never does, and makes sure it dies with this process even when nobody calls `stop` (an orphaned
 * JVM or s3rver would keep its port).
 */
export async function superviseChild(options: {
  name: string;
  endpoint: string;
  child: ChildProcess;
  /** Why the child exited early, for the error message. */
  exitReason: (code: number | null) => string;
  ready: () => Promise<unknown>;
}): Promise<RunningService> {
  const { child } = options;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  try {
    await waitUntil(options.name, async () => {
      if (child.exitCode !== null) throw new Error(options.exitReason(child.exitCode));
      await options.ready();
      return true;
    });
  } catch (error) {
    process.off('exit', killChild);
    killChild();
    throw error;
  }
  return {
    name: options.name,
    endpoint: options.endpoint,
    stop: async () => {
      process.off('exit', killChild);
      child.kill('SIGTERM');
      await exited;
    },
  };
}
