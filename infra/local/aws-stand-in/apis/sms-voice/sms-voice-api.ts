import { z } from 'zod';
import type { Config } from '#core/config/config-schema.ts';
import type { RateLimiter } from '../../rate-limiter.ts';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import type { Outbox } from '../outbox.ts';

/**
 * AWS End User Messaging SMS (Pinpoint SMS and Voice v2; awsJson1_0, target prefix
 * `PinpointSMSVoiceV2`, signing name `sms-voice`): SendTextMessage from the business's pool, at
 * the pool's rate, with the service's error shapes (PascalCase `Message`, `Reason`, `Fields`).
 */
const SendTextMessageInput = z.object({
  DestinationPhoneNumber: z.string(),
  OriginationIdentity: z.string().optional(),
  MessageBody: z.string().optional(),
  MessageType: z.enum(['TRANSACTIONAL', 'PROMOTIONAL']).optional(),
  ConfigurationSetName: z.string().optional(),
  Context: z.record(z.string(), z.string()).optional(),
  DryRun: z.boolean().optional(),
});
export type SentSms = z.infer<typeof SendTextMessageInput>;

const validation = (reason: string, name: string, message: string) =>
  new AwsServiceError('ValidationException', 400, message, {
    Reason: reason,
    Fields: [{ Name: name, Message: message }],
  });

export function smsVoiceApi(context: {
  config: Config;
  limiter: RateLimiter;
  outbox: Outbox<SentSms>;
}): StandInApi {
  const { config, limiter, outbox } = context;
  return {
    name: 'sms-voice',
    signingName: 'sms-voice',
    protocol: 'aws-json-1.0',
    targetPrefix: 'PinpointSMSVoiceV2',
    httpRoutes: [
      {
        method: 'GET',
        path: '/__stand-in/sms-voice/outbox',
        handle: (request) => {
          const to = request.query.get('to');
          return { json: { messages: outbox.list((sms) => !to || sms.DestinationPhoneNumber === to) } };
        },
      },
    ],
    operations: [
      {
        name: 'SendTextMessage',
        handle(request) {
          const input = parseBody(request, SendTextMessageInput);
          if (!/^\+[1-9]\d{6,14}$/.test(input.DestinationPhoneNumber)) {
            throw validation(
              'INVALID_PARAMETER',
              'DestinationPhoneNumber',
              'DestinationPhoneNumber must be in E.164 format',
            );
          }
          if (
            input.OriginationIdentity !== config.sms.poolId &&
            input.OriginationIdentity !== config.sms.poolArn
          ) {
            throw new AwsServiceError(
              'ResourceNotFoundException',
              400,
              `Origination identity ${input.OriginationIdentity ?? '(none)'} not found`,
              {
                ResourceType: 'pool',
                ResourceId: input.OriginationIdentity ?? '',
              },
            );
          }
          const body = input.MessageBody ?? '';
          if (body.length === 0 || body.length > 1600)
            throw validation('INVALID_PARAMETER', 'MessageBody', 'MessageBody must be 1 to 1600 characters');
          if (!limiter.tryTake([[`sms:${config.sms.poolId}`, config.sms.messagesPerSecond]])) {
            throw new AwsServiceError('ThrottlingException', 400, 'Rate exceeded');
          }
          if (input.DryRun) return { body: { MessageId: 'dry-run' } };
          return { body: { MessageId: outbox.accept(input).messageId } };
        },
      },
    ],
  };
}
