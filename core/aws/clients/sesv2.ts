import { SESv2Client } from '@aws-sdk/client-sesv2';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('sesv2', (config) => new SESv2Client(baseOptions(config, 'stand-in')));
