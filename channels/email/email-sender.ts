import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { OptedOutError, type OptOuts } from '#core/contacts/opt-outs.ts';
import { laneOf } from '#core/rate-limit/send-paces.ts';
import { type ChannelSenderDependencies, sendAndRecord } from '../delivery/channel-sender-dependencies.ts';
import { IdempotencyKey, parseOutboundRequest, SentBy } from '../delivery/outbound-request.ts';
import { reliableDelivery } from '../delivery/reliable-delivery.ts';

export const SendEmailRequest = z
  .object({
    idempotencyKey: IdempotencyKey,
    to: z.array(z.email()).min(1).max(50),
    subject: z.string().trim().min(1).max(998),
    text: z.string().min(1).max(5_000_000).optional(),
    html: z.string().min(1).max(5_000_000).optional(),
    sentBy: SentBy,
  })
  .refine((request) => request.text !== undefined || request.html !== undefined, {
    error: 'an email needs a text or an html body',
  });
export type SendEmailRequest = z.infer<typeof SendEmailRequest>;

export interface EmailSenderDependencies extends ChannelSenderDependencies {
  sesv2: SESv2Client;
  /** Nothing goes to an address whose contact opted out of email. */
  optOuts: Pick<OptOuts, 'emailsOptedOut'>;
}

/**
 * Email from the verified identity (`"WECARE.DIGITAL" <one@wecare.digital>`) through SES v2,
 * paced at the account's 10 messages a second, retried on throttling, recorded once per recipient
 * list, once per idempotency key, and dead-lettered to the outbound DLQ when it finally fails.
 */
export class EmailSender {
  private readonly sendOnce: (request: SendEmailRequest) => Promise<{ messageId: string }>;

  constructor(private readonly dependencies: EmailSenderDependencies) {
    this.sendOnce = reliableDelivery(
      { kind: 'email-outbound', functionName: 'wecare-outbound-email', ...dependencies },
      (request: SendEmailRequest) => this.deliver(request),
    );
  }

  async send(input: unknown): Promise<{ messageId: string }> {
    const request = parseOutboundRequest(SendEmailRequest, input);
    const optedOut = await this.dependencies.optOuts.emailsOptedOut(request.to);
    if (optedOut.length > 0)
      throw new OptedOutError(`${optedOut.length} of the recipients opted out of email from us`, {
        details: { channel: 'email', recipients: optedOut.length },
      });
    return this.sendOnce(request);
  }

  private async deliver(request: SendEmailRequest): Promise<{ messageId: string }> {
    const { config } = this.dependencies;
    return sendAndRecord(
      this.dependencies,
      'SendEmail',
      async () => {
        await this.dependencies.paces.email(laneOf(request.sentBy));
        const sent = await this.dependencies.sesv2.send(
          new SendEmailCommand({
            FromEmailAddress: `"${config.ses.fromName}" <${config.ses.fromAddress}>`,
            Destination: { ToAddresses: request.to },
            Content: {
              Simple: {
                Subject: { Data: request.subject, Charset: 'UTF-8' },
                Body: {
                  ...(request.text ? { Text: { Data: request.text, Charset: 'UTF-8' } } : {}),
                  ...(request.html ? { Html: { Data: request.html, Charset: 'UTF-8' } } : {}),
                },
              },
            },
            EmailTags: [{ Name: 'sender', Value: request.sentBy.kind }],
          }),
        );
        if (!sent.MessageId) throw new Error('SendEmail returned no MessageId');
        return sent.MessageId;
      },
      {
        channel: 'email',
        recipient: request.to.join(','),
        subject: request.subject,
        body: request.text ?? request.html ?? '',
        sentBy: request.sentBy,
        idempotencyKey: request.idempotencyKey,
      },
    );
  }
}
