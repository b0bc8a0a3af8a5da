import type { Context, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { deadLetterQueueAliases } from '#channels/dead-letters/dead-letter-queues.ts';
import {
  deadLetterQueueFor,
  type Replayer,
  type ReplayVerdict,
  replayDeadLetters,
} from '#channels/dead-letters/replay-dead-letters.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import { platform } from './composition-root.ts';
import { lambdaShell } from './lambda-shell.ts';
import { handler as generateResponse } from './wecare-ai-generate-response.ts';
import { handler as inboundWhatsApp } from './wecare-inbound-whatsapp.ts';
import { handler as outboundEmail } from './wecare-outbound-email.ts';
import { handler as outboundSms } from './wecare-outbound-sms.ts';
import { handler as outboundWhatsApp } from './wecare-outbound-whatsapp.ts';

/** @example { "queue": "whatsapp-inbound", "max": 50 } */
const ReplayRequest = z.object({
  queue: z.enum(Object.keys(deadLetterQueueAliases) as [keyof typeof deadLetterQueueAliases]),
  max: z.number().int().min(1).max(500).default(50),
});

/**
 * `wecare-dlq-replay`: runs the letters of a dead-letter queue again through the same Lambda
 * handlers that failed them (never a domain function directly), so a replay behaves exactly as the
 * original delivery would have: the inbound function for WhatsApp events, the outbound functions
 * for sends (their idempotency keys make a sent message a no-op), the bot for its jobs.
 */
export const handler = lambdaShell(
  'wecare-dlq-replay',
  async (event: unknown, context: Context, { count }) => {
    const request = ReplayRequest.safeParse(event);
    if (!request.success) {
      return {
        ok: false as const,
        status: 400,
        error: { code: 'validation', message: request.error.issues[0]?.message ?? 'invalid' },
      };
    }
    const { config, clients } = platform();
    const results = await replayDeadLetters(
      deadLetterQueueFor(config, clients, request.data.queue),
      (letter) => replayerFor(letter, request.data.queue, context),
      request.data.max,
    );
    for (const outcome of ['replayed', 'dead-lettered-again', 'still-failing', 'no-replayer'] as const)
      count(`Replay-${outcome}`, results.filter((result) => result.outcome === outcome).length);
    return { ok: true as const, results };
  },
);

export function replayerFor(letter: DeadLetter, queue: string, context: Context): Replayer | undefined {
  switch (letter.kind) {
    case 'whatsapp-inbound':
      return async () => {
        const report = await inboundWhatsApp(letter.payload ?? letter.payloadText ?? '', context);
        return report.deadLettered > 0
          ? { outcome: 'dead-lettered-again', reason: 'a record of the event is still not valid' }
          : { outcome: 'replayed' };
      };
    case 'whatsapp-outbound':
      return () => resend(outboundWhatsApp(letter.payload, context));
    case 'sms-outbound':
      return () => resend(outboundSms(letter.payload, context));
    case 'email-outbound':
      return () => resend(outboundEmail(letter.payload, context));
    case 'agent-job':
      return () => rerunJob(letter.payloadText ?? JSON.stringify(letter.payload), context);
    case 'unknown':
      // The agent queue redrives its jobs here as they were (not as our letters): run them again.
      return queue === 'agent' && letter.payloadText
        ? () => rerunJob(letter.payloadText ?? '', context)
        : undefined;
    default:
      return undefined;
  }
}

async function resend(
  invocation: Promise<{ ok: true } | { ok: false; error: { message: string }; deadLettered: boolean }>,
): Promise<ReplayVerdict> {
  const result = await invocation;
  if (result.ok) return { outcome: 'replayed' };
  return result.deadLettered
    ? { outcome: 'dead-lettered-again', reason: result.error.message }
    : { outcome: 'still-failing', reason: result.error.message };
}

async function rerunJob(body: string, context: Context): Promise<ReplayVerdict> {
  const event: SQSEvent = {
    Records: [
      {
        messageId: `replay-${Date.now()}`,
        receiptHandle: 'replay',
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'wecare-dlq-replay',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:replay',
        awsRegion: platform().config.aws.region,
      },
    ],
  };
  const response = await generateResponse(event, context);
  return response.batchItemFailures.length === 0
    ? { outcome: 'replayed' }
    : { outcome: 'still-failing', reason: 'the bot could not handle the job yet' };
}
