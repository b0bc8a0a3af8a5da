import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

function limiterAt(clock: { now: number }) {
  return new RateLimiter(() => clock.now);
}

const takes = (limiter: RateLimiter, count: number, key = 'phone', rate = 80) =>
  Array.from({ length: count }, () => limiter.tryTake([[key, rate]])).filter(Boolean).length;

describe('RateLimiter', () => {
  it('takes the rate in a second, and more only as the oldest leave the window', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    expect(takes(limiter, 100)).toBe(80);
    clock.now = 999; // the 80 are still within the last second
    expect(takes(limiter, 10)).toBe(0);
    clock.now = 1000; // they have left it
    expect(takes(limiter, 100)).toBe(80);
  });

  it('refuses the 81st in any one-second window, however the requests are spread', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    // 40 at the end of one second and 40 at the start of the next fill the window between them:
    // a bucket refilled each second would take 40 more here.
    clock.now = 900;
    expect(takes(limiter, 40)).toBe(40);
    clock.now = 1100;
    expect(takes(limiter, 40)).toBe(40);
    clock.now = 1500;
    expect(takes(limiter, 10)).toBe(0);
    clock.now = 1900; // the first 40 have left
    expect(takes(limiter, 50)).toBe(40);
  });

  it('sustains exactly the rate for a client that paces itself', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    let accepted = 0;
    for (let tick = 0; tick < 10 * 80; tick += 1) {
      clock.now = tick * (1000 / 80);
      if (limiter.tryTake([['phone', 80]])) accepted += 1;
    }
    expect(accepted).toBe(800);
  });

  it('takes a place in every window or in none', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    expect(
      limiter.tryTake([
        ['account', 2],
        ['phone-a', 1],
      ]),
    ).toBe(true);
    expect(
      limiter.tryTake([
        ['account', 2],
        ['phone-a', 1],
      ]),
    ).toBe(false); // phone-a is full
    expect(
      limiter.tryTake([
        ['account', 2],
        ['phone-b', 1],
      ]),
    ).toBe(true); // the refusal cost the account nothing
    expect(
      limiter.tryTake([
        ['account', 2],
        ['phone-c', 1],
      ]),
    ).toBe(false); // now the account is full
  });

  it('keeps one second of requests, not every request it ever took', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    for (let tick = 0; tick < 100_000; tick += 1) {
      clock.now = tick * 10;
      limiter.tryTake([['phone', 80]]);
    }
    const kept = (limiter as unknown as { windows: Map<string, { times: number[] }> }).windows.get('phone');
    expect(kept?.times.length).toBeLessThan(1200);
  });
});
