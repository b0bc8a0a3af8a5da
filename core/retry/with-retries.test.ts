import { describe, expect, it } from 'vitest';
import { ThrottledError, ValidationError } from '../errors/app-errors.ts';
import { withRetries } from './with-retries.ts';

const policy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

describe('withRetries', () => {
  it('retries a throttled call with growing, jittered delays until it succeeds', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('Rate exceeded');
        return 'wamid.ok';
      },
      (error) => new ThrottledError(String(error)),
      { policy, onRetry: (_error, _attempt, delay) => delays.push(delay), random: () => 1 },
    );
    expect(result).toBe('wamid.ok');
    expect(delays).toEqual([1, 2]);
  });

  it('stops at once on a failure that retrying cannot fix', async () => {
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls += 1;
        throw new Error('bad');
      },
      () => new ValidationError('text.body is too long'),
      { policy },
    );
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the typed error', async () => {
    let calls = 0;
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw new Error('throttled');
        },
        () => new ThrottledError('still throttled'),
        { policy, random: () => 0 },
      ),
    ).rejects.toThrow('still throttled');
    expect(calls).toBe(4);
  });
});
