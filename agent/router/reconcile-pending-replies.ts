import type { Logger } from '@aws-lambda-powertools/logger';
import { maskConversationId } from '#core/logger/mask-phone.ts';
import type { AgentJobQueue } from '#core/queues/agent-jobs.ts';
import { pendingEntriesOf } from '#core/stores/conversation.ts';
import type { ReplyCoordination } from '#core/stores/reply-coordination.ts';

export interface ReconcileReport {
  /** Conversations of the bot whose waiting messages were dispatched again (the alarm's metric). */
  redispatched: number;
  /** Customer messages in those conversations. */
  messages: number;
  /** Waiting for a person: theirs to answer, counted, not dispatched. */
  waitingForHuman: number;
  /** A reply waits in the outbound dead-letter queue: its replay will settle them. */
  awaitingReplay: number;
  /** An answer is under way right now. */
  beingAnswered: number;
}

/**
 * The safety net under every job: conversations whose oldest pending customer message has waited
 * longer than `afterMs` (a job lost with a crash, an enqueue that never happened, a queue emptied
 * by a restart) get a new job. Read from the sparse awaiting-reply index, never a scan.
 */
export async function reconcilePendingReplies(dependencies: {
  replies: Pick<ReplyCoordination, 'waitingSince'>;
  jobs: Pick<AgentJobQueue, 'enqueue'>;
  businessPhoneNumberIds: readonly string[];
  afterMs: number;
  logger: Logger;
  now?: () => number;
}): Promise<ReconcileReport> {
  const nowMs = (dependencies.now ?? Date.now)();
  const report: ReconcileReport = {
    redispatched: 0,
    messages: 0,
    waitingForHuman: 0,
    awaitingReplay: 0,
    beingAnswered: 0,
  };
  for (const phone of dependencies.businessPhoneNumberIds) {
    for (const conversation of await dependencies.replies.waitingSince(phone, nowMs - dependencies.afterMs)) {
      const pending = pendingEntriesOf(conversation);
      if (pending.length === 0) continue;
      if (conversation.state !== 'bot') report.waitingForHuman += 1;
      else if (conversation.replyAwaitingReplay) report.awaitingReplay += 1;
      else if (conversation.lease && conversation.lease.untilMs >= nowMs) report.beingAnswered += 1;
      else {
        await dependencies.jobs.enqueue(
          {
            conversationId: conversation.id,
            reason: 'reconcile',
            wamid: (pending.at(-1) as { wamid: string }).wamid,
          },
          0,
        );
        report.redispatched += 1;
        report.messages += pending.length;
        dependencies.logger.warn('Customer messages waited too long; dispatched again', {
          conversationId: maskConversationId(conversation.id),
          messages: pending.length,
          waitedMs: nowMs - (conversation.pendingSinceMs ?? nowMs),
        });
      }
    }
  }
  return report;
}
