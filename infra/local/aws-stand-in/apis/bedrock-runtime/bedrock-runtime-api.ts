import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RateLimiter } from '../../rate-limiter.ts';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import { type ContentBlock, offlineReply, type Turn } from './offline-model.ts';
import { ScriptedReplies, waitUntilElapsed } from './scripted-replies.ts';
import { scriptedReplyRoutes } from './scripted-reply-routes.ts';

/**
 * Amazon Bedrock Runtime (restJson1, signing name `bedrock`, HTTP/2): Converse, answered by the
 * offline stand-in model (offline-model.ts; not Nova Pro) in Bedrock's own shapes: the assistant
 * message, `end_turn` or `tool_use`, token usage, and Bedrock's errors (ValidationException for a
 * bad conversation or model id, ThrottlingException beyond the rate). On request (scripted-reply-routes.ts) it answers
 * a test's customer in Nova's other shapes (multi-block replies, every stop reason) and slowly.
 */
const Block = z.union([
  z.object({ text: z.string() }),
  z.object({ toolUse: z.object({ toolUseId: z.string(), name: z.string(), input: z.unknown() }) }),
  z.object({
    toolResult: z.object({
      toolUseId: z.string(),
      content: z.array(z.object({ text: z.string().optional(), json: z.unknown().optional() })),
      status: z.enum(['success', 'error']).optional(),
    }),
  }),
  // An assistant turn replayed with its reasoning (the agent sends back what Nova returned).
  z.object({
    reasoningContent: z.union([
      z.object({ reasoningText: z.object({ text: z.string(), signature: z.string().optional() }) }),
      z.object({ redactedContent: z.string() }),
    ]),
  }),
]);

const ConverseInput = z.object({
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(Block).min(1) })).min(1),
  system: z.array(z.object({ text: z.string() }).or(z.object({}).passthrough())).optional(),
  inferenceConfig: z
    .object({
      maxTokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      topP: z.number().optional(),
    })
    .optional(),
  toolConfig: z
    .object({
      tools: z
        .array(
          z.object({
            toolSpec: z.object({
              name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
              description: z.string().optional(),
              inputSchema: z.object({ json: z.unknown() }),
            }),
          }),
        )
        .min(1),
      toolChoice: z.unknown().optional(),
    })
    .optional(),
});

/** The offline model's requests per second before Bedrock-style throttling. */
const converseRate = 25;

/** What the API needs of the platform's configuration: the model id it answers for (as Bedrock knows its models). */
interface BedrockSettings {
  bedrock: { modelId: string };
}

export function bedrockRuntimeApi(context: { config: BedrockSettings; limiter: RateLimiter }): StandInApi {
  const { config, limiter } = context;
  const scripts = new ScriptedReplies();
  const acceptedModels = new Set([
    config.bedrock.modelId,
    ...['us', 'eu', 'apac'].map((region) => `${region}.${config.bedrock.modelId}`),
  ]);
  return {
    name: 'bedrock-runtime',
    signingName: 'bedrock',
    protocol: 'rest-json',
    // A Converse call is about the customer's latest words: a test can fail the model for its own question only.
    faultSubject(_operation, request) {
      let body: unknown;
      try {
        body = JSON.parse(request.body.toString('utf8') || '{}');
      } catch {
        return undefined; // the operation itself reports the bad body
      }
      const parsed = ConverseInput.safeParse(body);
      return parsed.success ? latestUserWords(parsed.data.messages) : undefined;
    },
    httpRoutes: scriptedReplyRoutes(scripts),
    operations: [
      {
        name: 'Converse',
        method: 'POST',
        path: '/model/{modelId}/converse',
        async handle(request) {
          const started = performance.now();
          if (!acceptedModels.has(request.params.modelId ?? '')) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              'The provided model identifier is invalid.',
            );
          }
          const input = parseBody(request, ConverseInput);
          if (!limiter.tryTake([['bedrock:converse', converseRate]]))
            throw new AwsServiceError(
              'ThrottlingException',
              429,
              'Too many requests, please wait before trying again.',
            );
          // The offline model reads text, tool uses and tool results; replayed reasoning is not for it.
          const messages: Turn[] = input.messages.map((message) => ({
            role: message.role,
            content: message.content.flatMap((block) => ('reasoningContent' in block ? [] : [block])),
          }));
          checkConversation(messages);
          // A test's script for its customer's words, and the model's latency, come after Bedrock's own checks.
          const said = latestUserWords(input.messages);
          scripts.record(said);
          const scripted = scripts.take(said);
          await waitUntilElapsed(Math.max(scripted?.latencyMs ?? 0, scripts.latencyFor(said)), started);
          if (scripted?.response) return { body: scripted.response };
          const system = (input.system ?? [])
            .flatMap((block) => ('text' in block && typeof block.text === 'string' ? [block.text] : []))
            .join('\n');
          const tools = (input.toolConfig?.tools ?? []).map(({ toolSpec }) => ({
            name: toolSpec.name,
            description: toolSpec.description,
            inputSchema: toolSpec.inputSchema.json,
          }));
          const reply = offlineReply({ system, messages, tools });
          // Nova with tools bound thinks aloud in a text block before its answer or tool call.
          const thinking: ContentBlock[] = scripted?.thinkingAloud
            ? [{ text: `<thinking>${scripted.thinkingAloud}</thinking>` }]
            : [];
          const content: ContentBlock[] =
            reply.kind === 'text'
              ? [...thinking, { text: reply.text }]
              : [
                  ...thinking,
                  {
                    toolUse: {
                      toolUseId: `tooluse_${createHash('sha256').update(JSON.stringify(messages)).digest('base64url').slice(0, 22)}`,
                      name: reply.name,
                      input: reply.input,
                    },
                  },
                ];
          const inputTokens = estimateTokens(system + JSON.stringify(messages));
          const outputTokens = estimateTokens(JSON.stringify(content));
          return {
            body: {
              output: { message: { role: 'assistant', content } },
              stopReason: reply.kind === 'tool' ? 'tool_use' : 'end_turn',
              usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
              metrics: { latencyMs: Math.max(1, Math.round(performance.now() - started)) },
            },
          };
        },
      },
    ],
  };
}

/**
 * What a Converse call is about: the customer's latest words (a tool round still answers them), never
 * the platform's `<conversation_context>` block.
 */
function latestUserWords(messages: ReadonlyArray<{ role: string; content: ReadonlyArray<object> }>) {
  return messages
    .filter((message) => message.role === 'user')
    .flatMap((message) =>
      message.content.flatMap((block) =>
        'text' in block &&
        typeof block.text === 'string' &&
        !block.text.trimStart().startsWith('<conversation_context>')
          ? [block.text]
          : [],
      ),
    )
    .at(-1);
}

/** Bedrock's own rules for a conversation: it starts and ends with the user, and roles alternate. */
function checkConversation(messages: readonly Turn[]): void {
  if (messages[0]?.role !== 'user')
    throw new AwsServiceError(
      'ValidationException',
      400,
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  if (messages.at(-1)?.role !== 'user')
    throw new AwsServiceError('ValidationException', 400, 'A conversation must end with a user message.');
  for (let index = 1; index < messages.length; index += 1) {
    if (messages[index]?.role === messages[index - 1]?.role) {
      throw new AwsServiceError(
        'ValidationException',
        400,
        'A conversation must alternate between user and assistant roles.',
      );
    }
  }
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
