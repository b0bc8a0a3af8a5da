import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

/** A clock that only moves when the limiter sleeps, so the test sees exactly what it waited. */
function virtualClock() {
  const clock = { now: 0, slept: 0 };
  const sleep = async (ms: number) => {
    clock.now += ms;
    clock.slept += ms;
  };
  return { clock, now: () => clock.now, sleep };
}

describe('RateLimiter', () => {
  it('lets a burst of one second through at once, then paces the rest at the rate', async () => {
    const { clock, now, sleep } = virtualClock();
    const limiter = new RateLimiter('phone', 80, 80, now, sleep);
    for (let index = 0; index < 80; index += 1) await limiter.acquire();
    expect(clock.slept).toBe(0);
    for (let index = 0; index < 40; index += 1) await limiter.acquire();
    expect(clock.slept).toBeCloseTo(500, 0); // 40 more at 80/s take half a second
  });

  it('serves concurrent callers in arrival order without letting more through than the rate', async () => {
    const { clock, now, sleep } = virtualClock();
    const limiter = new RateLimiter('sms', 5, 5, now, sleep);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 15 }, (_, index) => limiter.acquire().then(() => order.push(index))),
    );
    expect(order).toEqual(Array.from({ length: 15 }, (_, index) => index));
    expect(clock.now).toBeCloseTo(2000, 0); // 5 at once, then 10 more at 5/s
  });
});
