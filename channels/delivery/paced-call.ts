import { retried } from './reliable-delivery.ts';

/** As many attempts as the SDK's own retries would make. */
const retryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

/**
 * A call to a rate-limited service through a client that does not retry by itself: every attempt,
 * a retry too, first takes its slot, so no retry goes out over a limit unseen. Throttling and
 * 5xx are retried with backoff; what still fails is thrown as its typed error.
 */
export function pacedCall<T>(
  operation: string,
  slot: () => Promise<void>,
  call: () => Promise<T>,
): Promise<T> {
  return retried({ retryPolicy }, operation, async () => {
    await slot();
    return call();
  });
}
