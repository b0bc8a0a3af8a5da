import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { reconcilePendingReplies } from '#agent/router/reconcile-pending-replies.ts';
import { platform } from './composition-root.ts';
import { lambdaShell } from './lambda-shell.ts';
import { agentJobs } from './parts/agent-jobs.ts';
import { replies } from './parts/replies.ts';

/** An EventBridge scheduled event, or `{ "olderThanMs": 0 }` from an operator. */
const SweepRequest = z.looseObject({
  olderThanMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60 * 1000)
    .optional(),
});

/**
 * `wecare-agent-reconcile`: every minute (an EventBridge schedule in AWS; at start and every 30 s
 * in the local world), customer messages stored but neither answered nor deliberately silent
 * after `reconcileAfterMs` are dispatched to the bot again. `UnansweredRedispatched` is the
 * metric the alarm watches: above zero, something upstream loses jobs.
 */
export const handler = lambdaShell(
  'wecare-agent-reconcile',
  async (event: unknown, _context: Context, { count, log }) => {
    const { config } = platform();
    // The schedule's event says nothing we need; an operator may run a sweep with a shorter bound.
    const request = SweepRequest.safeParse(event);
    const report = await reconcilePendingReplies({
      replies: replies(),
      jobs: agentJobs(),
      businessPhoneNumberIds: config.whatsapp.phoneNumbers.map((phone) => phone.metaPhoneNumberId),
      afterMs: (request.success ? request.data.olderThanMs : undefined) ?? config.agent.reconcileAfterMs,
      logger: log,
    });
    count('UnansweredRedispatched', report.redispatched);
    count('UnansweredMessagesRedispatched', report.messages);
    count('WaitingForHuman', report.waitingForHuman);
    count('RepliesAwaitingReplay', report.awaitingReplay);
    return report;
  },
);
