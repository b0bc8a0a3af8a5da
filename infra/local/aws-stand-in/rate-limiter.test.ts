import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

function limiterAt(clock: { now: number }) {
  return new RateLimiter(() => clock.now);
}

describe('RateLimiter', () => {
  it('allows one second of burst, then refills at the rate', () => {
    const clock = { now: 0 };
    const limiter = limiterAt(clock);
    const taken = Array.from({ length: 100 }, () => limiter.tryTake([['phone', 80]])).filter(Boolean).length;
    expect(taken).toBe(80);
    clock.now += 250; // a quarter second refills 20 tokens
    expect(Array.from({ length: 30 }, () => limiter.tryTake([['phone', 80]])).filter(Boolean).length).toBe(
      20,
    );
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

  it('takes from every bucket or from none', () => {
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
    ).toBe(false); // phone-a is empty
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
    ).toBe(false); // now the account is empty
  });
});
