import '#core/aws/clients/bedrock-runtime.ts';
import { type BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import * as z from 'zod';
import type { ModelUsage } from '#agent/model/converse-chat.ts';

/**
 * The written rubric the judge grades by. Kept short and concrete: each score has anchors, and the
 * judge must give its reasons, which the report keeps.
 */
export const judgeRubric = `You grade one answer of a business's WhatsApp assistant to a customer.
You are given the customer's question, the passages from the business's documents the assistant could use, and its answer.
Score each from 1 to 5:
- groundedness: 5 = every fact (prices, hours, policies) is in the passages; 3 = a minor unsupported detail; 1 = an invented price, policy or promise.
- helpfulness: 5 = answers exactly what was asked, or honestly says it cannot and offers a person; 3 = partly; 1 = evasive or off-topic.
- tone: 5 = polite, brief, in the customer's language and script, fit for WhatsApp; 1 = rude, long-winded or in the wrong language.
Reply with JSON only: {"groundedness": n, "helpfulness": n, "tone": n, "reasons": "one or two sentences"}`;

export const JudgeScores = z.object({
  groundedness: z.number().int().min(1).max(5),
  helpfulness: z.number().int().min(1).max(5),
  tone: z.number().int().min(1).max(5),
  reasons: z.string().max(2000),
});
export type JudgeScores = z.infer<typeof JudgeScores>;

/** The judge's scores or why there are none, with the tokens its call spent. */
export type JudgeVerdict = ({ scores: JudgeScores } | { error: string }) & { usage?: ModelUsage };

/**
 * LLM as judge over Bedrock Converse: the rubric, the question, the passages and the answer; the
 * model's reply parsed as JSON against the score schema (a reply that is not is reported, never
 * guessed at). Offline the stand-in answers, which exercises this path and means nothing.
 */
export async function judgeAnswer(
  client: BedrockRuntimeClient,
  modelId: string,
  input: { question: string; passages: ReadonlyArray<{ citation: string; text: string }>; answer: string },
): Promise<JudgeVerdict> {
  const passages = input.passages
    .map(
      (passage, index) =>
        `<passage id="${index + 1}" title="${passage.citation}">\n${passage.text}\n</passage>`,
    )
    .join('\n');
  let text: string;
  let usage: ModelUsage | undefined;
  try {
    const reply = await client.send(
      new ConverseCommand({
        modelId,
        system: [{ text: judgeRubric }],
        messages: [
          {
            role: 'user',
            content: [
              {
                text: `<question>${input.question}</question>\n<passages>\n${passages}\n</passages>\n<answer>${input.answer}</answer>\nGrade the answer.`,
              },
            ],
          },
        ],
        inferenceConfig: { temperature: 0, maxTokens: 400 },
      }),
    );
    text = (reply.output?.message?.content ?? []).map((block) => block.text ?? '').join('');
    usage = {
      modelCalls: 1,
      inputTokens: reply.usage?.inputTokens ?? 0,
      outputTokens: reply.usage?.outputTokens ?? 0,
    };
  } catch (error) {
    return { error: `the judge's call failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  let data: unknown;
  try {
    data = json ? JSON.parse(json) : undefined;
  } catch {
    data = undefined;
  }
  const parsed = JudgeScores.safeParse(data);
  return parsed.success
    ? { scores: parsed.data, usage }
    : { error: `the judge did not reply with scores: ${text.slice(0, 200)}`, usage };
}
