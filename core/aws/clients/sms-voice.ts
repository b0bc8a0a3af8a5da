import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('smsVoice', (config) => new PinpointSMSVoiceV2Client(baseOptions(config, 'stand-in')));
