import '#core/aws/clients/bedrock-runtime.ts';
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type Message,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import * as z from 'zod';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { UpstreamError } from '#core/errors/app-errors.ts';

/** A tool as the model sees it: its name, what it is for, and the input it takes. */
export interface ChatTool {
  name: string;
  description: string;
  input: z.ZodType;
}

export interface ChatRequest {
  system: string;
  /** User and assistant turns, alternating, first and last from the user (Bedrock's rule). */
  messages: Message[];
  tools: readonly ChatTool[];
}

/** One Converse reply, read at the boundary; `readModelReply` decides what the agent may do with it. */
export interface ChatReply {
  /** The assistant turn exactly as Bedrock returned it: sent back as it is in the next round. */
  message: Message;
  /** Bedrock's stopReason: `end_turn`, `tool_use`, `max_tokens`, `guardrail_intervened`, … */
  stopReason: string | undefined;
  totalTokens: number;
  /** What the call was billed for (Bedrock's own count): kept per answer for cost and the evals. */
  usage: ModelUsage;
}

/** Tokens Bedrock counted for one or more Converse calls. */
export interface ModelUsage {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * What the agent reads of a Converse response; everything else in it is passed through untouched.
 * A block may be text, a toolUse, reasoning or a type Bedrock adds later: each is an object with
 * one member, and the ones read here are checked.
 */
const converseOutput = z.object({
  output: z.object({
    message: z.object({
      role: z.literal('assistant'),
      content: z.array(
        z.looseObject({
          text: z.string().optional(),
          toolUse: z
            .looseObject({ toolUseId: z.string().min(1), name: z.string().min(1), input: z.unknown() })
            .optional(),
        }),
      ),
    }),
  }),
  stopReason: z.string().optional(),
  usage: z
    .looseObject({
      inputTokens: z.number().int().nonnegative().optional(),
      outputTokens: z.number().int().nonnegative().optional(),
      totalTokens: z.number().int().nonnegative(),
    })
    .optional(),
});

/**
 * The agent's chat model: Amazon Nova Pro through Bedrock's Converse API, called with the
 * platform's Bedrock Runtime client (so the same code reaches Bedrock in AWS and the stand-in on
 * one machine, with the client's retries on throttling and its request timeout). Temperature 0:
 * answers are grounded, not creative.
 *
 * Converse directly rather than through LangChain's ChatBedrockConverse: the agent uses one call
 * with tools and reads Nova's blocks itself (model-reply.ts), and LangChain with LangSmith was
 * 590 KB of the bot's 1.65 MB bundle and most of its cold start (`npm run bench -- function-bundles`).
 * Without LangSmith in the bundle, no setting can send customers' conversations to a tracing SaaS.
 */
export class ConverseChat {
  constructor(
    private readonly client: BedrockRuntimeClient,
    private readonly settings: { modelId: string; maxTokens: number },
  ) {}

  async converse(request: ChatRequest): Promise<ChatReply> {
    const response = await this.client.send(
      new ConverseCommand({
        modelId: this.settings.modelId,
        system: [{ text: request.system }],
        messages: request.messages,
        inferenceConfig: { maxTokens: this.settings.maxTokens, temperature: 0 },
        // Bedrock refuses a conversation holding toolUse or toolResult blocks without a toolConfig.
        ...(request.tools.length > 0 ? { toolConfig: { tools: request.tools.map(toolSpec) } } : {}),
      }),
    );
    const read = converseOutput.safeParse(response);
    if (!read.success)
      throw new UpstreamError('Bedrock returned a Converse response the agent cannot read', {
        retryable: false,
        details: { issues: read.error.issues.slice(0, 3).map((issue) => issue.path.join('.')) },
      });
    return {
      message: response.output?.message as Message,
      stopReason: read.data.stopReason,
      totalTokens: read.data.usage?.totalTokens ?? 0,
      usage: {
        modelCalls: 1,
        inputTokens: read.data.usage?.inputTokens ?? 0,
        outputTokens: read.data.usage?.outputTokens ?? 0,
      },
    };
  }
}

/** Each tool's spec, made once: a tool lives as long as its answer, and every round sends them all. */
const specs = new WeakMap<ChatTool, Tool>();

/** A tool's input as the JSON Schema Converse takes: what the model may send, before any transform. */
function toolSpec(tool: ChatTool): Tool {
  const known = specs.get(tool);
  if (known) return known;
  const json = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' });
  const spec: Tool = {
    toolSpec: { name: tool.name, description: tool.description, inputSchema: { json: json as never } },
  };
  specs.set(tool, spec);
  return spec;
}

export function converseChat(
  config: Config,
  clients: AwsClients,
  options: { maxTokens?: number } = {},
): ConverseChat {
  return new ConverseChat(clients.bedrockRuntime, {
    modelId: config.bedrock.modelId,
    maxTokens: options.maxTokens ?? 1024,
  });
}
