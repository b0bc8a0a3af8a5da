import '#core/aws/clients/sms-voice.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { channelSenderCommon } from '../delivery/channel-senders.ts';
import { SmsSender, type SmsSenderDependencies } from './sms-sender.ts';

/** The SMS sender wired to configuration and the AWS clients. */
export function smsSender(
  config: Config,
  clients: AwsClients,
  overrides: Partial<SmsSenderDependencies> = {},
): SmsSender {
  const { noRetry, ...shared } = channelSenderCommon(config, clients);
  return new SmsSender({ ...shared, smsVoice: noRetry.smsVoice, ...overrides });
}
