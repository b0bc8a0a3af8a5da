import type { Context } from 'aws-lambda';

/**
 * The Lambda invocation the code runs in, for the few places below the handler that must know its
 * time left (an idempotency lock must not outlive the invocation that holds it). Set by the
 * handler shell at the start of each invocation. A Lambda execution environment runs one
 * invocation at a time, so "the latest" is exact there; in the local world, where invocations
 * share a process, it is one of the running invocations (a lock then lasts about as long).
 * Deliberately not an AsyncLocalStorage: its promise hooks would slow every await of the process.
 */
let current: Context | undefined;

export function enterInvocation(context: Context): void {
  current = context;
}

export function leaveInvocation(context: Context): void {
  if (current === context) current = undefined;
}

/** The invocation's context, or undefined outside any (a CLI, a test calling a sender directly). */
export function currentInvocation(): Context | undefined {
  return current;
}
