import type { ModelUsage } from '#agent/model/converse-chat.ts';
import type { CaseReport } from './eval-report.ts';

/**
 * Bedrock's on-demand list prices in US dollars per million tokens (us-east-1, as published in
 * 2026): what an estimate multiplies by. A model not listed gets token counts and no estimate,
 * rather than a guess.
 */
const pricesPerMillionTokens: Record<string, { input: number; output: number }> = {
  'amazon.nova-pro-v1:0': { input: 0.8, output: 3.2 },
  'amazon.nova-lite-v1:0': { input: 0.06, output: 0.24 },
  'amazon.nova-micro-v1:0': { input: 0.035, output: 0.14 },
};

export interface RunCost {
  /** The bot's model calls, summed over every run of every case (from the platform's audit). */
  bot: ModelUsage;
  /** The judge's calls. */
  judge: ModelUsage;
  /** The model the estimate is priced as, and the estimate; null when its price is not known. */
  pricedAs: string;
  estimatedUsd: number | null;
}

const none = (): ModelUsage => ({ modelCalls: 0, inputTokens: 0, outputTokens: 0 });

function add(total: ModelUsage, usage: ModelUsage | undefined): void {
  if (!usage) return;
  total.modelCalls += usage.modelCalls;
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
}

/**
 * Tokens a run spent and what they cost at the model's on-demand price. An inference profile's
 * region prefix (`us.`, `eu.`, `apac.`) is priced as its model.
 */
export function runCost(cases: readonly CaseReport[], modelId: string): RunCost {
  const bot = none();
  const judge = none();
  for (const run of cases.flatMap((each) => each.runs)) {
    add(bot, run.observation?.usage);
    add(judge, run.judge?.usage);
  }
  const pricedAs = modelId.replace(/^(us|eu|apac|us-gov|global)\./, '');
  const price = pricesPerMillionTokens[pricedAs];
  const estimatedUsd = price
    ? ((bot.inputTokens + judge.inputTokens) * price.input +
        (bot.outputTokens + judge.outputTokens) * price.output) /
      1_000_000
    : null;
  return { bot, judge, pricedAs, estimatedUsd };
}

/** One line for the reports: the tokens and, when it is known, the cost. */
export function costLine(cost: RunCost, meaningful: boolean): string {
  const tokens = (usage: ModelUsage) =>
    `${usage.modelCalls} calls, ${usage.inputTokens.toLocaleString('en-US')} in / ${usage.outputTokens.toLocaleString('en-US')} out`;
  const estimate =
    cost.estimatedUsd === null
      ? `no price known for ${cost.pricedAs}`
      : `estimated $${cost.estimatedUsd.toFixed(4)} at ${cost.pricedAs}'s on-demand price`;
  return `Tokens: bot ${tokens(cost.bot)}; judge ${tokens(cost.judge)} · ${estimate}${meaningful ? '' : " (offline: the stand-in's token counts, an approximation of Nova's)"}`;
}
