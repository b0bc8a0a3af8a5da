/**
 * The services' limits as they count them: no more than `rate` requests of a key in any one
 * second (a sliding window over the times of the requests taken), so a client is refused the
 * moment it would put one more in a second than the limit, however it spreads them.
 */
export class RateLimiter {
  /** Each key's accepted request times in the last second, oldest first (from `start`). */
  private readonly windows = new Map<string, { times: number[]; start: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes a place in each `[key, ratePerSecond]` window, or in none of them when any is full. */
  tryTake(limits: ReadonlyArray<readonly [key: string, ratePerSecond: number]>): boolean {
    const at = this.now();
    const windows = limits.map(([key, rate]) => {
      let window = this.windows.get(key);
      if (!window) {
        window = { times: [], start: 0 };
        this.windows.set(key, window);
      }
      while (window.start < window.times.length && (window.times[window.start] ?? at) <= at - 1000)
        window.start += 1;
      // Drop the expired head now and then, so the array stays the size of one second's requests.
      if (window.start > 1024) {
        window.times.splice(0, window.start);
        window.start = 0;
      }
      return { window, rate };
    });
    if (windows.some(({ window, rate }) => window.times.length - window.start >= rate)) return false;
    for (const { window } of windows) window.times.push(at);
    return true;
  }
}
