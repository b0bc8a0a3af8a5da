import { describe, expect, it } from 'vitest';
import { turnsWithinBudget } from './token-budget.ts';

const turn = (role: 'customer' | 'business', text: string, atMs: number) => ({
  role,
  text,
  atMs,
  wamid: `wamid.${atMs}`,
});

describe('turnsWithinBudget', () => {
  it('keeps the most recent turns that fit, dropping the oldest first', () => {
    const turns = [
      turn('customer', 'a'.repeat(400), 1),
      turn('business', 'b'.repeat(400), 2),
      turn('customer', 'c'.repeat(40), 3),
    ];
    expect(turnsWithinBudget(turns, 120).map((kept) => kept.atMs)).toEqual([2, 3]);
    expect(turnsWithinBudget(turns, 1000).map((kept) => kept.atMs)).toEqual([1, 2, 3]);
  });

  it('always keeps the latest turn, trimmed if it alone is too long', () => {
    const [kept] = turnsWithinBudget([turn('customer', 'x'.repeat(10_000), 1)], 100);
    expect(kept?.text).toHaveLength(400);
  });
});
