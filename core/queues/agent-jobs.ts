import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { queueUrl } from './queue-url.ts';

/**
 * A job on the agent queue: "look at this conversation: a customer message may need an answer".
 * Jobs carry no state of their own; the conversation item says what is pending, so a duplicate,
 * late or re-dispatched job is harmless.
 *
 * @example
 * { "jobId": "4f0c…", "conversationId": "831049713436137#919876543210",
 *   "wamid": "wamid.HBgM…", "reason": "customer-message", "enqueuedAtMs": 1764540000000 }
 */
export const AgentJob = z.object({
  jobId: z.string().min(1).max(100),
  conversationId: z.string().regex(/^\d{1,30}#\d{6,20}$/, 'must be <business phone id>#<customer wa_id>'),
  /** The message that caused the job (for logs; the conversation's pending set is what is answered). */
  wamid: z.string().min(1).max(200).optional(),
  reason: z.enum(['customer-message', 'follow-up', 'deferred', 'reconcile']),
  enqueuedAtMs: z.number().int().nonnegative(),
});
export type AgentJob = z.infer<typeof AgentJob>;

/** SQS delays a message by whole seconds, at most 15 minutes. */
const maxDelaySeconds = 900;

/** Puts jobs on the agent queue, each delayed so that it comes due when the conversation may be answered. */
export class AgentJobQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueName: string,
  ) {}

  async enqueue(
    job: Omit<AgentJob, 'jobId' | 'enqueuedAtMs'> & { jobId?: string },
    delayMs: number,
  ): Promise<AgentJob> {
    const full = AgentJob.parse({ ...job, jobId: job.jobId ?? randomUUID(), enqueuedAtMs: Date.now() });
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: await queueUrl(this.sqs, this.queueName),
        MessageBody: JSON.stringify(full),
        // Rounded up: a job that comes due a little late is answered; one that comes early finds the customer still typing.
        DelaySeconds: Math.min(maxDelaySeconds, Math.max(0, Math.ceil(delayMs / 1000))),
      }),
    );
    return full;
  }
}

/**
 * When a conversation may next be answered: once the customer has been quiet for the debounce
 * after their newest message, but never later than the cap after their oldest waiting one.
 */
export function answerDueInMs(
  conversation: { lastPendingReceivedMs?: number | undefined; pendingSinceMs?: number | undefined },
  timing: { debounceMs: number; capMs: number },
  nowMs: number,
): number {
  const newest = conversation.lastPendingReceivedMs ?? nowMs;
  const oldest = conversation.pendingSinceMs ?? newest;
  const due = Math.min(newest + timing.debounceMs, oldest + timing.capMs);
  return Math.max(0, due - nowMs);
}
