import { describe, expect, it } from 'vitest';
import { observationWith } from '../../test/evals-observation.ts';
import type { CaseReport } from './eval-report.ts';
import { costLine, runCost } from './run-cost.ts';

const caseWith = (bot: [number, number, number], judge?: [number, number]): CaseReport => ({
  id: `case-${bot.join('-')}`,
  dataset: 'core',
  category: 'facts',
  language: 'en',
  tags: [],
  turns: ['Hello'],
  passRate: 1,
  runs: [
    {
      pass: true,
      verdicts: [],
      durationMs: 1,
      observation: observationWith({
        usage: { modelCalls: bot[0], inputTokens: bot[1], outputTokens: bot[2] },
      }),
      ...(judge
        ? {
            judge: {
              error: 'no scores',
              usage: { modelCalls: 1, inputTokens: judge[0], outputTokens: judge[1] },
            },
          }
        : {}),
    },
  ],
});

describe("a run's cost", () => {
  it("sums the bot's and the judge's tokens and prices them at Nova Pro's on-demand rate", () => {
    const cost = runCost(
      [caseWith([2, 1_000_000, 100_000], [500_000, 50_000]), caseWith([1, 0, 0])],
      'us.amazon.nova-pro-v1:0',
    );
    expect(cost.bot).toEqual({ modelCalls: 3, inputTokens: 1_000_000, outputTokens: 100_000 });
    expect(cost.judge).toEqual({ modelCalls: 1, inputTokens: 500_000, outputTokens: 50_000 });
    expect(cost.pricedAs).toBe('amazon.nova-pro-v1:0');
    // 1.5 M input tokens at $0.80 and 150 k output tokens at $3.20 a million.
    expect(cost.estimatedUsd).toBeCloseTo(1.2 + 0.48, 6);
    expect(costLine(cost, true)).toContain('estimated $1.6800');
  });

  it('gives no estimate for a model whose price it does not know', () => {
    const cost = runCost([caseWith([1, 10, 10])], 'anthropic.claude-unknown');
    expect(cost.estimatedUsd).toBeNull();
    expect(costLine(cost, false)).toContain('no price known for anthropic.claude-unknown');
  });
});
