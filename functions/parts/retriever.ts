import '#core/aws/clients/bedrock-agent-runtime.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import { part } from '../composition-root.ts';

/** Knowledge Base retrieval (Bedrock Agent Runtime's Retrieve). */
export const retriever = part(
  ({ config, clients }) => new PassageRetriever(clients.bedrockAgentRuntime, config),
);
