import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient(
  'bedrockAgentRuntime',
  (config) => new BedrockAgentRuntimeClient(baseOptions(config, 'stand-in')),
);
