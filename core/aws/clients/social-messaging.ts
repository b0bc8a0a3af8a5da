import { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('socialMessaging', (config) => new SocialMessagingClient(baseOptions(config, 'stand-in')));
