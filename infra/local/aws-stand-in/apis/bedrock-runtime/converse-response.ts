import { z } from 'zod';

/**
 * A Converse response body as Bedrock sends it (restJson1), for replies a test scripts. Each
 * content block has exactly one member, as the API's ContentBlock union requires; extra top-level
 * members (trace, additionalModelResponseFields) pass through untouched.
 *
 * @example
 * {
 *   "output": { "message": { "role": "assistant", "content": [
 *     { "text": "<thinking>The customer wants a person.</thinking>" },
 *     { "toolUse": { "toolUseId": "tooluse_20Z9zl0BQWSXjFuLKdTJcA", "name": "request_human",
 *                    "input": { "reason": "customer-asked", "summary": "Asked for a person." } } }
 *   ] } },
 *   "stopReason": "tool_use",
 *   "usage": { "inputTokens": 1102, "outputTokens": 64, "totalTokens": 1166 },
 *   "metrics": { "latencyMs": 1307 }
 * }
 */
const ResponseBlock = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({
    toolUse: z.strictObject({
      toolUseId: z.string().min(1),
      name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
      input: z.unknown(),
    }),
  }),
  z.strictObject({
    reasoningContent: z.union([
      z.strictObject({
        reasoningText: z.strictObject({ text: z.string(), signature: z.string().optional() }),
      }),
      z.strictObject({ redactedContent: z.base64() }),
    ]),
  }),
]);

const count = z.number().int().min(0);

export const ConverseResponse = z.looseObject({
  output: z.strictObject({
    message: z.strictObject({ role: z.literal('assistant'), content: z.array(ResponseBlock) }),
  }),
  stopReason: z.enum([
    'end_turn',
    'tool_use',
    'max_tokens',
    'stop_sequence',
    'guardrail_intervened',
    'content_filtered',
    'malformed_model_output',
    'malformed_tool_use',
    'model_context_window_exceeded',
  ]),
  usage: z.looseObject({ inputTokens: count, outputTokens: count, totalTokens: count }),
  metrics: z.looseObject({ latencyMs: count }),
});
export type ConverseResponse = z.infer<typeof ConverseResponse>;
