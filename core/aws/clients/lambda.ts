import { LambdaClient } from '@aws-sdk/client-lambda';
import { baseOptions, registerClient } from '../client-registry.ts';

// Locally, Lambda's Invoke is the stand-in's: it runs the local world's functions.
registerClient('lambda', (config) => new LambdaClient(baseOptions(config, 'stand-in')));
