import type { Context } from 'aws-lambda';
import { reconcilePendingReplies } from '#agent/router/reconcile-pending-replies.ts';
import { platform } from './composition-root.ts';
import { lambdaShell } from './lambda-shell.ts';

/**
 * `wecare-agent-reconcile`: every minute (an EventBridge schedule in AWS; at start and every 30 s
 * in the local world), customer messages stored but neither answered nor deliberately silent
 * after `reconcileAfterMs` are dispatched to the bot again. `UnansweredRedispatched` is the
 * metric the alarm watches: above zero, something upstream loses jobs.
 */
export const handler = lambdaShell(
  'wecare-agent-reconcile',
  async (_event: unknown, _context: Context, { count, log }) => {
    const { config } = platform();
    const report = await reconcilePendingReplies({
      replies: platform().replies(),
      jobs: platform().agentJobs(),
      businessPhoneNumberIds: config.whatsapp.phoneNumbers.map((phone) => phone.metaPhoneNumberId),
      afterMs: config.agent.reconcileAfterMs,
      logger: log,
    });
    count('UnansweredRedispatched', report.redispatched);
    count('UnansweredMessagesRedispatched', report.messages);
    count('WaitingForHuman', report.waitingForHuman);
    count('RepliesAwaitingReplay', report.awaitingReplay);
    return report;
  },
);
