import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('bedrockAgent', (config) => new BedrockAgentClient(baseOptions(config, 'stand-in')));
