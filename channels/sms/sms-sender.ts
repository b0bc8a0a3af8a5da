import { type PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import * as z from 'zod';
import type { OptOuts } from '#core/contacts/opt-outs.ts';
import { laneOf } from '#core/rate-limit/send-paces.ts';
import { type ChannelSenderDependencies, sendAndRecord } from '../delivery/channel-sender-dependencies.ts';
import { IdempotencyKey, parseOutboundRequest, SentBy } from '../delivery/outbound-request.ts';
import { reliableDelivery } from '../delivery/reliable-delivery.ts';

export const SendSmsRequest = z.object({
  idempotencyKey: IdempotencyKey,
  /** E.164, e.g. +919876543210. */
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'must be an E.164 phone number such as +919876543210' }),
  body: z.string().trim().min(1).max(1600, { error: 'an SMS may have at most 1600 characters' }),
  sentBy: SentBy,
});
export type SendSmsRequest = z.infer<typeof SendSmsRequest>;

export interface SmsSenderDependencies extends ChannelSenderDependencies {
  smsVoice: PinpointSMSVoiceV2Client;
  /** Nothing goes to a number whose contact opted out of SMS. */
  optOuts: Pick<OptOuts, 'requireReachable'>;
}

/**
 * Transactional SMS from the business's pool (SendTextMessage), paced at the pool's 5 messages a
 * second across every process, retried on throttling, recorded, once per idempotency key, and
 * dead-lettered to the outbound DLQ when it finally fails.
 */
export class SmsSender {
  private readonly sendOnce: (request: SendSmsRequest) => Promise<{ messageId: string }>;

  constructor(private readonly dependencies: SmsSenderDependencies) {
    this.sendOnce = reliableDelivery(
      { kind: 'sms-outbound', functionName: 'wecare-outbound-sms', ...dependencies },
      (request: SendSmsRequest) => this.deliver(request),
    );
  }

  async send(input: unknown): Promise<{ messageId: string }> {
    const request = parseOutboundRequest(SendSmsRequest, input);
    await this.dependencies.optOuts.requireReachable(request.to, 'sms');
    return this.sendOnce(request);
  }

  private async deliver(request: SendSmsRequest): Promise<{ messageId: string }> {
    const { config } = this.dependencies;
    return sendAndRecord(
      this.dependencies,
      'SendTextMessage',
      async () => {
        await this.dependencies.paces.sms(laneOf(request.sentBy));
        const sent = await this.dependencies.smsVoice.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: request.to,
            OriginationIdentity: config.sms.poolId,
            MessageBody: request.body,
            MessageType: config.sms.messageType,
            Context: { idempotencyKey: request.idempotencyKey.slice(0, 100) },
          }),
        );
        if (!sent.MessageId) throw new Error('SendTextMessage returned no MessageId');
        return sent.MessageId;
      },
      {
        channel: 'sms',
        recipient: request.to,
        subject: null,
        body: request.body,
        sentBy: request.sentBy,
        idempotencyKey: request.idempotencyKey,
      },
    );
  }
}
