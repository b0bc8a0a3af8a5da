import { z } from 'zod';
import type { Config } from '#core/config/config-schema.ts';
import type { RateLimiter } from '../../rate-limiter.ts';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import type { Outbox } from '../outbox.ts';

/**
 * Amazon SES v2 (restJson1, signing name `ses`): SendEmail, as `@aws-sdk/client-sesv2` calls it, with
 * the account's verified identity, its sending rate, and SES's error names.
 */
const Content = z.object({ Data: z.string(), Charset: z.string().optional() });
const SendEmailInput = z.object({
  FromEmailAddress: z.string().min(3),
  Destination: z.object({
    ToAddresses: z.array(z.email()).max(50).default([]),
    CcAddresses: z.array(z.email()).max(50).default([]),
    BccAddresses: z.array(z.email()).max(50).default([]),
  }),
  ReplyToAddresses: z.array(z.email()).optional(),
  Content: z.object({
    Simple: z
      .object({ Subject: Content, Body: z.object({ Text: Content.optional(), Html: Content.optional() }) })
      .optional(),
    Raw: z.object({ Data: z.base64() }).optional(),
  }),
  EmailTags: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  ConfigurationSetName: z.string().optional(),
});
export type SentEmail = z.infer<typeof SendEmailInput>;

/** SES refuses messages over 40 MB (after encoding). */
const maxMessageBytes = 40 * 1024 * 1024;

export function sesv2Api(context: {
  config: Config;
  limiter: RateLimiter;
  outbox: Outbox<SentEmail>;
}): StandInApi {
  const { config, limiter, outbox } = context;
  return {
    name: 'sesv2',
    signingName: 'ses',
    protocol: 'rest-json',
    // A mail is about its first recipient.
    faultSubject(_operation, request) {
      try {
        return (JSON.parse(request.body.toString('utf8')) as { Destination?: { ToAddresses?: string[] } })
          .Destination?.ToAddresses?.[0];
      } catch {
        return undefined;
      }
    },
    httpRoutes: [
      {
        method: 'GET',
        path: '/__stand-in/sesv2/outbox',
        handle: (request) => {
          const to = request.query.get('to');
          return {
            json: { emails: outbox.list((email) => !to || email.Destination.ToAddresses.includes(to)) },
          };
        },
      },
    ],
    operations: [
      {
        name: 'SendEmail',
        method: 'POST',
        path: '/v2/email/outbound-emails',
        handle(request) {
          const input = parseBody(request, SendEmailInput);
          if (!limiter.tryTake([['ses:send', config.ses.messagesPerSecond]])) {
            throw new AwsServiceError('TooManyRequestsException', 429, 'Maximum sending rate exceeded.');
          }
          const address = /<([^>]+)>\s*$/.exec(input.FromEmailAddress)?.[1] ?? input.FromEmailAddress;
          if (address.toLowerCase() !== config.ses.fromAddress.toLowerCase()) {
            throw new AwsServiceError(
              'MessageRejected',
              400,
              `Email address is not verified. The following identities failed the check in region ${config.aws.region.toUpperCase()}: ${address}`,
            );
          }
          const recipients =
            input.Destination.ToAddresses.length +
            input.Destination.CcAddresses.length +
            input.Destination.BccAddresses.length;
          if (recipients === 0)
            throw new AwsServiceError('BadRequestException', 400, 'At least one recipient is required.');
          if (Boolean(input.Content.Simple) === Boolean(input.Content.Raw)) {
            throw new AwsServiceError(
              'BadRequestException',
              400,
              'Exactly one of Content.Simple and Content.Raw is required.',
            );
          }
          if (input.Content.Simple && !input.Content.Simple.Body.Text && !input.Content.Simple.Body.Html) {
            throw new AwsServiceError('BadRequestException', 400, 'The message body needs Text or Html.');
          }
          if (request.body.length > maxMessageBytes)
            throw new AwsServiceError('MessageRejected', 400, 'Message length is more than 40 MB.');
          return { body: { MessageId: `0100019${outbox.accept(input).messageId.replace(/-/g, '')}-000000` } };
        },
      },
    ],
  };
}
