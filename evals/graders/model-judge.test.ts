import { describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { scriptModelReply } from '../../test/stand-in-control.ts';
import { judgeAnswer } from './model-judge.ts';

const config = testConfig();
const { bedrockRuntime } = testClients();
const passages = [
  { citation: 'About WECARE.DIGITAL and our hours', text: 'Monday to Saturday, 10:00 to 19:00' },
];

describe('the model-graded judge over Bedrock Converse (the stand-in)', () => {
  it("keeps the judge's scores and reasons when it answers with them", async () => {
    const marker = unique('judged').replace(/-/g, '');
    await scriptModelReply({
      subject: marker,
      response: {
        output: {
          message: {
            role: 'assistant',
            content: [
              {
                text: 'Here is my grade: {"groundedness": 5, "helpfulness": 4, "tone": 5, "reasons": "States the hours from the passage."}',
              },
            ],
          },
        },
        stopReason: 'end_turn',
        usage: { inputTokens: 200, outputTokens: 30, totalTokens: 230 },
        metrics: { latencyMs: 300 },
      },
    });
    expect(
      await judgeAnswer(bedrockRuntime, config.bedrock.modelId, {
        question: `When are you open? ${marker}`,
        passages,
        answer: 'Monday to Saturday, 10:00 to 19:00.',
      }),
    ).toEqual({
      scores: { groundedness: 5, helpfulness: 4, tone: 5, reasons: 'States the hours from the passage.' },
      // The tokens Bedrock counted for the judge's call, for the run's cost.
      usage: { modelCalls: 1, inputTokens: 200, outputTokens: 30 },
    });
  });

  it('reports a reply that is not scores, and guesses nothing (the offline model is no judge)', async () => {
    const verdict = await judgeAnswer(bedrockRuntime, config.bedrock.modelId, {
      question: 'When are you open?',
      passages,
      answer: 'Monday to Saturday, 10:00 to 19:00.',
    });
    expect(verdict).toEqual({
      error: expect.stringContaining('the judge did not reply with scores'),
      usage: { modelCalls: 1, inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
    });
  });
});
