import { SQSClient } from '@aws-sdk/client-sqs';
import { baseOptions, registerClient } from '../client-registry.ts';

// An explicit endpoint also stops the SDK from following fauxqs' unresolvable queue URL hosts.
registerClient('sqs', (config) => new SQSClient(baseOptions(config, 'sqs')));
