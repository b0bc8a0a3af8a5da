import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '#infra/local/free-port.ts';

/** `npm start` running as a process of its own, with what it printed so far. */
export interface WorldProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start`'s entry point the way npm does, with its own ports and data directory. */
export function startWorldProcess(
  environment: Record<string, string>,
  args: readonly string[] = [],
): WorldProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the process printed `pattern`; fails at once if it exited first. */
export async function waitForOutput(world: WorldProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(world.output())) {
    if (world.child.exitCode !== null || world.child.signalCode !== null)
      throw new Error(`The world exited before ${pattern}; output:\n${world.output()}`);
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${pattern}; output so far:\n${world.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A world's environment on ports nobody uses, its data under `dataDirectory`. */
export async function worldOnFreePorts(dataDirectory: string) {
  const url = async () => `http://127.0.0.1:${await freePort()}`;
  return {
    WECARE_ENV: 'local',
    WECARE_LOCAL_DATA_DIR: dataDirectory,
    WECARE_LOCAL_DYNAMODB_URL: await url(),
    WECARE_LOCAL_S3_URL: await url(),
    WECARE_LOCAL_SQS_URL: await url(),
    WECARE_LOCAL_AWS_URL: await url(),
    WECARE_LOCAL_CONSOLE_URL: await url(),
  };
}
