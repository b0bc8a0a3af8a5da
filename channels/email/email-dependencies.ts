import '#core/aws/clients/sesv2.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { channelSenderCommon } from '../delivery/channel-senders.ts';
import { EmailSender, type EmailSenderDependencies } from './email-sender.ts';

/** The email sender wired to configuration and the AWS clients. */
export function emailSender(
  config: Config,
  clients: AwsClients,
  overrides: Partial<EmailSenderDependencies> = {},
): EmailSender {
  const { noRetry, ...shared } = channelSenderCommon(config, clients);
  return new EmailSender({ ...shared, sesv2: noRetry.sesv2, ...overrides });
}
