import { describe, expect, it } from 'vitest';
import { isoFromUnixSeconds } from './meta-primitives.ts';

describe('isoFromUnixSeconds', () => {
  it('agrees with Date for every day of 1973–2200 and times across each day', () => {
    for (let seconds = 100_000_000; seconds < 7_258_118_400; seconds += 86_400 * 7 + 3_727) {
      expect(isoFromUnixSeconds(String(seconds)), String(seconds)).toBe(
        new Date(seconds * 1000).toISOString(),
      );
    }
  });

  it('handles leap days and year ends', () => {
    expect(isoFromUnixSeconds('1709164800')).toBe('2024-02-29T00:00:00.000Z');
    expect(isoFromUnixSeconds('1767225599')).toBe('2025-12-31T23:59:59.000Z');
    expect(isoFromUnixSeconds('951782400')).toBe('2000-02-29T00:00:00.000Z');
  });
});
