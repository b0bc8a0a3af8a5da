/**
 * Token buckets keyed by name, as the real services meter requests: a bucket holds one second's
 * worth of tokens and refills continuously, so a client at or under the rate is never refused
 * and a burst beyond it is.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes a token from each `[key, ratePerSecond]` bucket, or none of them when any is empty. */
  tryTake(limits: ReadonlyArray<readonly [key: string, ratePerSecond: number]>): boolean {
    const at = this.now();
    const buckets = limits.map(([key, rate]) => {
      const bucket = this.buckets.get(key) ?? { tokens: rate, updatedAt: at };
      bucket.tokens = Math.min(rate, bucket.tokens + ((at - bucket.updatedAt) / 1000) * rate);
      bucket.updatedAt = at;
      this.buckets.set(key, bucket);
      return bucket;
    });
    if (buckets.some((bucket) => bucket.tokens < 1)) return false;
    for (const bucket of buckets) bucket.tokens -= 1;
    return true;
  }
}
