import {
  SendTextMessageCommand,
  ResourceNotFoundException as SmsResourceNotFound,
  ValidationException as SmsValidation,
  ThrottlingException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { MessageRejected, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../../test/local-clients.ts';

const config = testConfig();
const { sesv2, smsVoice } = testClients();
afterAll(() => {
  sesv2.destroy();
  smsVoice.destroy();
});

const email = (to: string, from = `"WECARE.DIGITAL" <${config.ses.fromAddress}>`) =>
  new SendEmailCommand({
    FromEmailAddress: from,
    Destination: { ToAddresses: [to] },
    Content: {
      Simple: {
        Subject: { Data: 'Your invoice', Charset: 'UTF-8' },
        Body: {
          Text: { Data: 'नमस्ते! Your invoice is ready.' },
          Html: { Data: '<p>Your invoice is ready.</p>' },
        },
      },
    },
  });

describe('SES v2 stand-in', () => {
  it('accepts mail from the verified identity and keeps it in the outbox', async () => {
    const to = `${unique('customer')}@example.in`;
    const sent = await sesv2.send(email(to));
    expect(sent.MessageId).toMatch(/^0100019[0-9a-f]+-000000$/);
    const outbox = (await (
      await fetch(`${config.local.awsEndpoint}/__stand-in/sesv2/outbox?to=${encodeURIComponent(to)}`)
    ).json()) as { emails: Array<{ message: { Content: { Simple: { Subject: { Data: string } } } } }> };
    expect(outbox.emails.map((item) => item.message.Content.Simple.Subject.Data)).toEqual(['Your invoice']);
  });

  it('rejects an unverified sender with MessageRejected', async () => {
    await expect(sesv2.send(email('a@example.in', 'someone@else.example'))).rejects.toBeInstanceOf(
      MessageRejected,
    );
  });

  it('throttles beyond 10 messages a second with TooManyRequestsException', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => sesv2.send(email(`${unique('burst')}@example.in`))),
    );
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const reason of refused) expect(reason).toBeInstanceOf(TooManyRequestsException);
  });
});

describe('SMS (Pinpoint SMS Voice v2) stand-in', () => {
  const sms = (to: string, identity = config.sms.poolId) =>
    new SendTextMessageCommand({
      DestinationPhoneNumber: to,
      OriginationIdentity: identity,
      MessageBody: 'Your OTP is 482913',
      MessageType: 'TRANSACTIONAL',
    });

  it('sends from the pool (by id or ARN) and keeps the message in the outbox', async () => {
    expect((await smsVoice.send(sms('+919876543210'))).MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await smsVoice.send(sms('+919876543211', config.sms.poolArn))).MessageId).toBeDefined();
  });

  it('answers a number that is not E.164 with ValidationException naming the field', async () => {
    const failure = await smsVoice.send(sms('98765 43210')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmsValidation);
    expect(failure).toMatchObject({
      Reason: 'INVALID_PARAMETER',
      Fields: [{ Name: 'DestinationPhoneNumber' }],
    });
  });

  it('answers an unknown pool with ResourceNotFoundException and a burst beyond 5/s with ThrottlingException', async () => {
    await expect(
      smsVoice.send(sms('+919876543212', 'pool-00000000000000000000000000000000')),
    ).rejects.toBeInstanceOf(SmsResourceNotFound);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        smsVoice.send(sms(`+9198765432${String(index).padStart(2, '0')}`)),
      ),
    );
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const reason of refused) expect(reason).toBeInstanceOf(ThrottlingException);
  });
});
