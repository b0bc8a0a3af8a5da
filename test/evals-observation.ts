import type { Observation } from '#evals/graders/observation.ts';

/** What a case's conversation produced, empty but for what a test gives: nothing said, no tool, the bot keeps it. */
export function observationWith(overrides: Partial<Observation> = {}): Observation {
  return {
    replies: [],
    citations: [],
    toolCalls: [],
    state: 'bot',
    handoffReason: null,
    invoices: [],
    retrieved: [],
    ...overrides,
  };
}
