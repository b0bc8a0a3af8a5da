import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * The Lambda invocation the current code runs in, for the few places below the handler that must
 * know its time left (an idempotency lock must not outlive the invocation that holds it). Set by
 * the handler shell for the duration of an invocation; async-local, so concurrent invocations in
 * one process (the local world) each see their own.
 */
const invocation = new AsyncLocalStorage<Context>();

export function runInInvocation<T>(context: Context, body: () => Promise<T>): Promise<T> {
  return invocation.run(context, body);
}

/** The invocation's context, or undefined outside any (a CLI, a test calling a sender directly). */
export function currentInvocation(): Context | undefined {
  return invocation.getStore();
}
