import type { Context } from 'aws-lambda';

/** What Lambda reports when a function runs past its timeout (error type `Sandbox.Timedout`). */
export class LambdaTimeoutError extends Error {
  override readonly name = 'Sandbox.Timedout';
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
  ) {
    super(`${functionName}: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}

/** Where the local runtime reports failures (the Powertools logger fits). */
export interface LambdaRuntimeLogger {
  error(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

/** A Lambda handler as our modules export it: `handler(event, context)`, async. */
export type LambdaHandler<Event, Result> = (event: Event, context: Context) => Promise<Result>;

/**
 * One invocation with Lambda's semantics: the handler gets a fresh context, and a handler that
 * has not settled by its timeout counts as failed with `LambdaTimeoutError`. (Lambda would stop
 * the sandbox; here the handler's promise is left to settle on its own and its outcome ignored.)
 * A synchronous throw is a failed invocation like a rejected promise.
 */
export async function invokeWithTimeout<Event, Result>(
  handler: LambdaHandler<Event, Result>,
  event: Event,
  context: Context,
  timeoutMs: number,
): Promise<Result> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(context.functionName, timeoutMs)), timeoutMs);
  });
  try {
    // Promise.race subscribes to the handler's promise, so its late rejection is not unhandled.
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
