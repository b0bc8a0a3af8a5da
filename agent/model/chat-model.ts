import '#core/aws/clients/bedrock-runtime.ts';
import { ChatBedrockConverse } from '@langchain/aws';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';

/**
 * The agent's chat model: Amazon Nova Pro through Bedrock Converse, via LangChain's
 * ChatBedrockConverse. It is handed the factory's Bedrock Runtime client (LangChain would
 * otherwise build its own and ignore our endpoint), so the same code reaches Bedrock in AWS and
 * the offline stand-in model on one machine. Temperature 0: answers are grounded, not creative.
 */
export function chatModel(
  config: Config,
  clients: AwsClients,
  options: { maxTokens?: number } = {},
): ChatBedrockConverse {
  return new ChatBedrockConverse({
    model: config.bedrock.modelId,
    region: config.aws.region,
    client: clients.bedrockRuntime,
    temperature: 0,
    maxTokens: options.maxTokens ?? 1024,
    // The SDK client already retries throttling and outages with backoff (config.aws.maxAttempts);
    // LangChain's own retries (six, exponential) on top would multiply calls and stall the reply for a minute.
    maxRetries: 0,
  });
}
