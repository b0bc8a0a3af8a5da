/**
 * A token bucket that waits instead of refusing: `acquire()` resolves when the caller may go,
 * so callers at or under the rate never wait and a burst is smoothed to the rate. A bucket holds
 * at most `burst` tokens (one second's worth by default), matching how the services meter us.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly ratePerSecond: number,
    private readonly burst = ratePerSecond,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Waits for a token. Callers are served in arrival order. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.take());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(): Promise<void> {
    for (;;) {
      const at = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((at - this.updatedAt) / 1000) * this.ratePerSecond);
      this.updatedAt = at;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(((1 - this.tokens) / this.ratePerSecond) * 1000);
    }
  }
}

const shared = new Map<string, RateLimiter>();

/**
 * The process-wide limiter of a name (one per phone number, per account, per media operation),
 * so that every send in the process shares it whatever code path it takes.
 */
export function sharedRateLimiter(name: string, ratePerSecond: number): RateLimiter {
  let limiter = shared.get(name);
  if (!limiter || limiter.ratePerSecond !== ratePerSecond) {
    limiter = new RateLimiter(name, ratePerSecond);
    shared.set(name, limiter);
  }
  return limiter;
}
