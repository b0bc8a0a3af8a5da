import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { baseOptions, registerClient } from '../client-registry.ts';

// A model call that hangs must not outlive the reply's time budget: it is abandoned and fails.
registerClient(
  'bedrockRuntime',
  (config) =>
    new BedrockRuntimeClient({
      ...baseOptions(config, 'stand-in'),
      requestHandler: { requestTimeout: config.agent.modelRequestTimeoutMs, connectionTimeout: 3000 },
    }),
);
