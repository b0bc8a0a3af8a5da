import { describe, expect, it } from 'vitest';
import { EvalCase } from '../dataset/eval-case.ts';
import { retrievalMetrics } from './retrieval-metrics.ts';

const caseWith = (expectations: Record<string, unknown>) =>
  EvalCase.parse({ id: 'a-case', category: 'facts', language: 'en', turns: 'Hi', expect: expectations });
const hours = {
  citation: 'About WECARE.DIGITAL and our hours',
  score: 0.8,
  text: 'Monday to Saturday, 10:00 to 19:00',
};
const prices = { citation: 'Services and prices', score: 0.4, text: 'Website Starter ₹14,999' };

describe('retrieval metrics', () => {
  it('measure recall by the facts the passages hold, precision by the passages that are about the question', () => {
    expect(retrievalMetrics(caseWith({ contains: ['10:00', '19:00'] }), [hours, prices])).toEqual({
      contextRecall: 1,
      contextPrecision: 0.5,
    });
    expect(retrievalMetrics(caseWith({ contains: ['10:00', 'Park Street'] }), [prices])).toEqual({
      contextRecall: 0,
      contextPrecision: 0,
    });
    // A passage of a document the answer must cite is relevant even without the fact's words.
    expect(retrievalMetrics(caseWith({ cites: 'Services and prices' }), [hours, prices])).toEqual({
      contextRecall: null,
      contextPrecision: 0.5,
    });
  });

  it('count "one of" facts as one, and judge nothing when the case names nothing', () => {
    expect(
      retrievalMetrics(caseWith({ contains: '10:00', containsAny: ['sunday', '19:00'] }), [hours])
        .contextRecall,
    ).toBe(1);
    expect(retrievalMetrics(caseWith({ handoff: true }), [hours])).toEqual({
      contextRecall: null,
      contextPrecision: null,
    });
    expect(retrievalMetrics(caseWith({ contains: '10:00' }), [])).toEqual({
      contextRecall: 0,
      contextPrecision: null,
    });
  });
});
