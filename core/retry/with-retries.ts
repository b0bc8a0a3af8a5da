import type { AppError } from '../errors/app-errors.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Runs `operation`, retrying while the failure says it is worth it (`classify` → disposition
 * `retry`), with exponential backoff and full jitter so that many callers throttled together do
 * not come back together. The last failure is thrown as its typed error.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  classify: (error: unknown) => AppError,
  options: {
    policy?: RetryPolicy;
    onRetry?: (error: AppError, attempt: number, delayMs: number) => void;
    random?: () => number;
  } = {},
): Promise<T> {
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      const failure = classify(error);
      if (failure.disposition !== 'retry' || attempt >= policy.maxAttempts) throw failure;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(random() * ceiling);
      options.onRetry?.(failure, attempt, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
