import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { deadLetterQueueAliases } from '#channels/dead-letters/dead-letter-queues.ts';
import {
  deadLetterQueueFor,
  type Replayer,
  type ReplayVerdict,
  replayDeadLetters,
} from '#channels/dead-letters/replay-dead-letters.ts';
import { inboundLimits } from '#channels/whatsapp/inbound/inbound-limits.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import { invokeFunction } from '#core/lambda/invoke-function.ts';
import { AgentJob } from '#core/queues/agent-jobs.ts';
import { parseUntrustedJson } from '#core/safe-json/parse-untrusted-json.ts';
import { platform } from './composition-root.ts';
import { lambdaShell } from './lambda-shell.ts';
import { agentJobs } from './parts/agent-jobs.ts';

/** @example { "queue": "whatsapp-inbound", "max": 50 } or { "queue": "outbound", "ids": ["3f0c…"] } */
const ReplayRequest = z.object({
  queue: z.enum(Object.keys(deadLetterQueueAliases) as [keyof typeof deadLetterQueueAliases]),
  max: z.number().int().min(1).max(500).default(50),
  /** Only these letters (the console's selection), looked for among the first `max`. */
  ids: z.array(z.string().min(1).max(128)).min(1).max(100).optional(),
});

/**
 * `wecare-dlq-replay`: runs the letters of a dead-letter queue again through the same Lambda
 * handlers that failed them (never a domain function directly), so a replay behaves exactly as the
 * original delivery would have: the inbound function for WhatsApp events, the outbound functions
 * for sends (their idempotency keys make a sent message a no-op), the bot for its jobs.
 */
export const handler = lambdaShell(
  'wecare-dlq-replay',
  async (event: unknown, _context: Context, { count }) => {
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
      (letter) => replayerFor(letter, request.data.queue),
      request.data.max,
      request.data.ids,
    );
    for (const outcome of [
      'replayed',
      'dead-lettered-again',
      'still-failing',
      'no-replayer',
      'not-found',
    ] as const)
      count(`Replay-${outcome}`, results.filter((result) => result.outcome === outcome).length);
    return { ok: true as const, results };
  },
);

/**
 * How a letter runs again: through the function that failed it, invoked as deployed (Lambda's
 * Invoke: its own role, limits and logs), or, for the bot's jobs, back on the agent queue.
 */
export function replayerFor(letter: DeadLetter, queue: string): Replayer | undefined {
  switch (letter.kind) {
    case 'whatsapp-inbound':
      return () => replayInbound(letter.payload ?? letter.payloadText ?? '');
    case 'whatsapp-outbound':
      return () => resend('wecare-outbound-whatsapp', letter.payload);
    case 'sms-outbound':
      return () => resend('wecare-outbound-sms', letter.payload);
    case 'email-outbound':
      return () => resend('wecare-outbound-email', letter.payload);
    case 'agent-job':
      return () => rerunJob(letter.payloadText ?? JSON.stringify(letter.payload));
    case 'unknown': {
      // The agent queue redrives its jobs here as they were (not as our letters): run them again.
      if (queue === 'agent' && letter.payloadText) return () => rerunJob(letter.payloadText ?? '');
      // Lambda (an invocation that failed all its attempts) and SNS (a delivery that failed) put
      // WhatsApp events here as they were: the inbound function takes them again.
      const event = queue === 'whatsapp-inbound' ? snsEventOfRedriven(letter.payloadText) : undefined;
      return event ? () => replayInbound(event) : undefined;
    }
    default:
      return undefined;
  }
}

/** What the functions answer (parsed: it comes back over Lambda's Invoke). */
const InboundReport = z.object({ deadLettered: z.number() });
const SendResult = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }), deadLettered: z.boolean() }),
]);

async function replayInbound(event: unknown): Promise<ReplayVerdict> {
  // A failed invocation (the function threw: retry later) is "still failing" to the replay loop.
  const report = InboundReport.parse(
    await invokeFunction(platform().clients, 'wecare-inbound-whatsapp', event),
  );
  return report.deadLettered > 0
    ? { outcome: 'dead-lettered-again', reason: 'a record of the event is still not valid' }
    : { outcome: 'replayed' };
}

/** Lambda's failed asynchronous event (the SNS event itself), or SNS's undelivered notification. */
const RedrivenLambdaEvent = z.looseObject({ Records: z.array(z.unknown()).min(1) });
const RedrivenNotification = z.looseObject({
  Type: z.literal('Notification'),
  TopicArn: z.string(),
  Message: z.string(),
});

function snsEventOfRedriven(text: string | undefined): unknown {
  const parsed = parseUntrustedJson(text ?? '', {
    maxBytes: inboundLimits.maxEventBytes,
    maxDepth: inboundLimits.maxDepth,
  });
  if (!parsed.ok) return undefined;
  if (RedrivenLambdaEvent.safeParse(parsed.value).success) return parsed.value;
  const notification = RedrivenNotification.safeParse(parsed.value);
  return notification.success
    ? { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', Sns: notification.data }] }
    : undefined;
}

async function resend(functionName: string, request: unknown): Promise<ReplayVerdict> {
  const result = SendResult.parse(await invokeFunction(platform().clients, functionName, request));
  if (result.ok) return { outcome: 'replayed' };
  return result.deadLettered
    ? { outcome: 'dead-lettered-again', reason: result.error.message }
    : { outcome: 'still-failing', reason: result.error.message };
}

/**
 * A job goes back on the agent queue, where the bot function takes it as it takes every job (its
 * event source, its batching and its retries); its own claims make a job already answered a no-op.
 * The replay function thus does not carry the bot itself.
 */
async function rerunJob(body: string): Promise<ReplayVerdict> {
  const parsed = parseUntrustedJson(body, { maxBytes: 4096, maxDepth: 4 });
  const job = parsed.ok ? AgentJob.safeParse(parsed.value) : undefined;
  // Not a job: it stays where it is, for a person to read.
  if (!job?.success) return { outcome: 'still-failing', reason: 'the body is not an agent job' };
  await agentJobs().enqueue({ ...job.data, reason: 'reconcile' }, 0);
  return { outcome: 'replayed' };
}
