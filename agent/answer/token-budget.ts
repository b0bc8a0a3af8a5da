import type { Turn } from '#core/stores/conversation-history.ts';

/** A rough token count (about four characters a token), enough to keep a prompt within budget. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The most recent turns that fit in `budget` tokens, oldest dropped first; the latest customer
 * turn is always kept (trimmed to the budget if it alone is too long).
 */
export function turnsWithinBudget(turns: readonly Turn[], budget: number): Turn[] {
  const kept: Turn[] = [];
  let used = 0;
  for (let index = turns.length - 1; index >= 0; index -= 1) {
    const turn = turns[index] as Turn;
    const cost = estimateTokens(turn.text);
    if (kept.length > 0 && used + cost > budget) break;
    kept.unshift(kept.length === 0 && cost > budget ? { ...turn, text: turn.text.slice(-budget * 4) } : turn);
    used += Math.min(cost, budget);
  }
  return kept;
}
