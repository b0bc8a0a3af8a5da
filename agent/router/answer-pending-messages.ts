import type { Logger } from '@aws-lambda-powertools/logger';
import { wasDeadLettered } from '#channels/delivery/reliable-delivery.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import { ConversationChangedError } from '#core/errors/app-errors.ts';
import { maskConversationId } from '#core/logger/mask-phone.ts';
import { type AgentJob, type AgentJobQueue, answerDueInMs } from '#core/queues/agent-jobs.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import {
  type Conversation,
  encodePendingEntry,
  type PendingEntry,
  pendingEntriesOf,
  type TranscriptTurn,
} from '#core/stores/conversation.ts';
import {
  type ConversationHistory,
  type Turn,
  turnsFromTranscript,
} from '#core/stores/conversation-history.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type { OutboundMessageStore } from '#core/stores/outbound-message-store.ts';
import type { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { acknowledgement } from '../answer/acknowledge.ts';
import { type AgentAnswer, type AgentDependencies, answerCustomer } from '../answer/answer-customer.ts';
import { conversationLanguage } from '../answer/customer-language.ts';
import { asksForPerson } from '../intents/explicit-intents.ts';
import { memoryLine, remember } from '../memory/session-memory.ts';
import { answerQuote, type QuoteDependencies } from '../quotes/answer-quote.ts';
import { quoteDecision } from '../quotes/quote-decision.ts';
import { BotEffects } from './bot-effects.ts';
import type { ConversationOwnership } from './conversation-ownership.ts';
import { handOffAfterFailure } from './fallback-handoff.ts';
import { handOverOnRequest } from './hand-over-on-request.ts';

export interface BotDependencies {
  agent: AgentDependencies;
  /** What answering a quote needs (the customer's yes or no to its buttons). */
  quotes: QuoteDependencies;
  conversations: ConversationStore;
  replies: ReplyCoordination;
  ownership: ConversationOwnership;
  history: ConversationHistory;
  outboundMessages: Pick<OutboundMessageStore, 'recentIdempotencyKeys'>;
  sender: WhatsAppSender;
  audit: AuditStore;
  jobs: Pick<AgentJobQueue, 'enqueue'>;
  logger: Logger;
  timing: { debounceMs: number; capMs: number; leaseMs: number; effectHoldMs: number };
  /** How long and how many session summaries the bot keeps (the seed's agent: 30 days, 20 sessions). */
  memoryLimits: { days: number; count: number };
  now?: () => number;
}

/** What became of a job; each is a deliberate end, counted in the bot function's metrics. */
export type JobOutcome =
  | 'answered'
  | 'handed-over'
  | 'left-to-human'
  | 'nothing-pending'
  | 'not-due'
  | 'deferred'
  | 'conversation-changed'
  | 'reply-awaiting-replay';

/**
 * The bot's work for one job: answer everything the customer wrote that waits for a reply, once.
 *
 * The job claims the conversation (one answer at a time; only once the customer has paused, or the
 * oldest message has waited the cap; only while the bot owns it). A job that cannot claim finds out
 * why: a person owns the conversation (the human agents are told, the bot stays silent), another
 * answer is under way (the job comes back when its lease ends), or the customer is still typing
 * (a later job is due). The answer's every effect is guarded (BotEffects); the reply settles the
 * messages it answered, and messages that arrived meanwhile get their own answer next.
 */
export async function answerPendingMessages(
  job: AgentJob,
  dependencies: BotDependencies,
): Promise<JobOutcome> {
  const now = dependencies.now ?? Date.now;
  const { timing } = dependencies;
  const claimed = await dependencies.replies.claim(job.conversationId, {
    owner: job.jobId,
    nowMs: now(),
    leaseMs: timing.leaseMs,
    debounceMs: timing.debounceMs,
    capMs: timing.capMs,
  });
  if (!claimed) return whyNotClaimed(job, dependencies);
  const effects = new BotEffects(
    dependencies.replies,
    claimed.id,
    job.jobId,
    claimed,
    timing.effectHoldMs,
    now,
  );
  try {
    return await respond(job, claimed, effects, dependencies);
  } catch (error) {
    // Whatever went wrong, a takeover must not wait for an effect or a lease this job no longer uses.
    await dependencies.replies.release(claimed.id, {
      ...(effects.held ? { effectKey: effects.held } : {}),
      leaseOwner: job.jobId,
    });
    if (error instanceof ConversationChangedError) {
      dependencies.logger.info('The bot stays silent: the conversation changed while it was answering', {
        conversationId: maskConversationId(claimed.id),
        reason: error.message,
      });
      return 'conversation-changed';
    }
    throw error;
  }
}

async function whyNotClaimed(job: AgentJob, dependencies: BotDependencies): Promise<JobOutcome> {
  const now = (dependencies.now ?? Date.now)();
  const current = await dependencies.conversations.get(job.conversationId);
  const pending = current ? pendingEntriesOf(current) : [];
  if (!current || pending.length === 0) return 'nothing-pending';
  if (current.state !== 'bot') {
    await dependencies.audit.record({
      actorId: 'system',
      action: 'notify-human-agents',
      conversationId: current.id,
      details: { wamid: job.wamid ?? null, state: current.state },
    });
    return 'left-to-human';
  }
  if (current.lease && current.lease.untilMs >= now) {
    // Another answer is under way; if it ends without these messages, this job answers them then.
    await dependencies.jobs.enqueue(
      { conversationId: current.id, reason: 'deferred', ...(job.wamid ? { wamid: job.wamid } : {}) },
      current.lease.untilMs - now + 100,
    );
    return 'deferred';
  }
  // The customer is still typing. The job of their newest message comes due later; if this job is
  // that one and came a little early, it comes back when due.
  if (pending.at(-1)?.wamid === job.wamid) {
    await dependencies.jobs.enqueue(
      { conversationId: current.id, reason: 'deferred', wamid: job.wamid },
      answerDueInMs(current, dependencies.timing, now),
    );
    return 'deferred';
  }
  return 'not-due';
}

async function respond(
  job: AgentJob,
  conversation: Conversation,
  effects: BotEffects,
  dependencies: BotDependencies,
): Promise<JobOutcome> {
  const now = dependencies.now ?? Date.now;
  const pending = pendingEntriesOf(conversation);
  const newest = pending.at(-1) as PendingEntry;
  const sinceMs =
    conversation.humanSummary && conversation.epochStartedAt
      ? Date.parse(conversation.epochStartedAt)
      : undefined;
  const window = { limit: 20, ...(sinceMs !== undefined ? { sinceMs } : {}) };
  // The transcript came with the claim; a conversation from before it was kept is read from the tables.
  const turns =
    turnsFromTranscript(conversation, window) ?? (await dependencies.history.recent(conversation.id, window));
  const question = pendingText(turns, pending);
  // Blue ticks for the customer while the answer is worked out: the bot has read what they wrote
  // (alongside the answer, not before it; a failure here never blocks the answer).
  const markedRead = dependencies.sender
    .markAsRead(conversation.businessPhoneNumberId, newest.wamid)
    .catch((error: unknown) => {
      dependencies.logger.warn('Could not mark the message as read', { wamid: newest.wamid, error });
    });
  const acknowledged = acknowledgement(turns);
  const decision = quoteDecision(conversation, turns, pending);
  const language = conversationLanguage(customerWords(turns));
  // Decided without the model where the customer was explicit: a tap or a plain yes/no on a quote,
  // a request for a person. A failure of any path goes to a person with a notice, never silence.
  const answering: Promise<AgentAnswer> = decision
    ? answerQuote(dependencies.quotes, conversation, decision, effects, language)
    : asksForPerson(question)
      ? handOverOnRequest(dependencies.ownership, conversation, effects, {
          question,
          requestId: newest.wamid,
          language,
        })
      : acknowledged
        ? Promise.resolve({ messages: [acknowledged], citations: [], toolCalls: [], handedOff: false })
        : answerCustomer(dependencies.agent, conversation, turns, {
            requestId: newest.wamid,
            question,
            effects,
          });
  const reply: AgentAnswer = await answering.catch((failure: unknown) => {
    if (failure instanceof ConversationChangedError) throw failure;
    return handOffAfterFailure(
      { ownership: dependencies.ownership, logger: dependencies.logger },
      conversation,
      effects,
      question,
      failure,
    );
  });
  await markedRead;
  const replyKey = `reply:${newest.wamid}`;
  const resumed = await effects.reserve(replyKey);
  // An earlier attempt crashed while sending this reply: the parts it sent are not sent again.
  const alreadySent = resumed
    ? await dependencies.outboundMessages.recentIdempotencyKeys(conversation.id)
    : new Set<string>();
  const entries = pending.map(encodePendingEntry);
  const sent: TranscriptTurn[] = [];
  try {
    for (const [index, text] of reply.messages.entries()) {
      if (alreadySent.has(`${replyKey}:${index}`)) continue;
      const { wamid, sentAtMs } = await dependencies.sender.send(
        {
          idempotencyKey: `${replyKey}:${index}`,
          from: conversation.businessPhoneNumberId,
          to: conversation.customerWaId,
          content: { type: 'text', body: text },
          replyTo: reply.messages.length > 1 && index > 0 ? undefined : newest.wamid,
          sentBy: reply.citations.length > 0 ? { kind: 'bot', citations: reply.citations } : { kind: 'bot' },
          // Carried with the request, so that a replay from the dead-letter queue settles them too.
          settles: { entries },
        },
        {
          ...(conversation.lastInboundAtMs !== undefined
            ? { knownLastInboundAtMs: conversation.lastInboundAtMs }
            : {}),
          conversationUpdatedByCaller: true,
          // The reservation above is this reply's claim: no idempotency record of its own.
          onceByCaller: true,
        },
      );
      // Stamped when the send was made, not when it returned: a quick answer to it sorts after it.
      sent.push({ role: 'business', wamid, text, atMs: sentAtMs });
    }
  } catch (failure) {
    return replyNotSent(conversation, replyKey, job, failure, dependencies);
  }
  const sentAt = new Date(now());
  const line = acknowledged
    ? `Customer ${question.replace(/^\[|\]$/g, '')} — acknowledged.`
    : memoryLine(question, reply);
  const remaining = await dependencies.replies.settle(conversation.id, {
    entries: pending,
    snapshot: conversation,
    effectKey: replyKey,
    leaseOwner: job.jobId,
    set: {
      lastBotReplyTo: newest.wamid,
      lastBotReplyAt: sentAt.toISOString(),
      lastOutboundAt: sentAt.toISOString(),
      lastActivityAtMs: sentAt.getTime(),
      memory: remember(conversation.memory ?? [], line, sentAt, dependencies.memoryLimits),
      // A quote sent now is the open one; any answer after it (a decision, or something else) closes it.
      openQuote: reply.quote ?? null,
    },
    appendTurns: sent,
  });
  // Every answer the model gave is on record with its tokens (what it cost), and its tools if any.
  if (reply.toolCalls.length > 0 || reply.handedOff || reply.usage) {
    await dependencies.audit.record({
      actorId: 'bot',
      action: 'bot-answer',
      conversationId: conversation.id,
      details: {
        replyTo: newest.wamid,
        answers: pending.length,
        toolCalls: reply.toolCalls,
        handedOff: reply.handedOff,
        ...(reply.usage ? { usage: reply.usage } : {}),
      },
    });
  }
  if (remaining.length > 0) {
    // The customer wrote again while the bot was answering: those messages get the next answer.
    await dependencies.jobs.enqueue(
      {
        conversationId: conversation.id,
        reason: 'follow-up',
        wamid: (remaining.at(-1) as PendingEntry).wamid,
      },
      answerDueInMs(
        {
          pendingSinceMs: remaining[0]?.receivedMs,
          lastPendingReceivedMs: remaining.at(-1)?.receivedMs,
        },
        dependencies.timing,
        now(),
      ),
    );
  }
  return reply.handedOff ? 'handed-over' : 'answered';
}

/**
 * The reply could not be sent. If it waits on the outbound dead-letter queue, its messages stay
 * pending, marked as waiting for that replay (which settles them when it delivers). If it never
 * reached the queue (a rule refused it), nobody would send it: a person takes over.
 */
async function replyNotSent(
  conversation: Conversation,
  replyKey: string,
  job: AgentJob,
  failure: unknown,
  dependencies: BotDependencies,
): Promise<JobOutcome> {
  dependencies.logger.error('The bot reply could not be sent', {
    conversationId: maskConversationId(conversation.id),
    deadLettered: wasDeadLettered(failure),
    error: failure,
  });
  await dependencies.replies.release(conversation.id, { effectKey: replyKey });
  if (wasDeadLettered(failure)) {
    await dependencies.replies.markReplyAwaitingReplay(conversation.id, replyKey);
    await dependencies.replies.release(conversation.id, { leaseOwner: job.jobId });
    return 'reply-awaiting-replay';
  }
  await dependencies.ownership
    .requestHuman(conversation.id, {
      reason: 'tool-error',
      summary: 'The assistant could not send its reply; the customer is waiting for an answer.',
      customerWaId: conversation.customerWaId,
      at: new Date().toISOString(),
    })
    .catch((error: unknown) => dependencies.logger.warn('Handoff after a failed reply refused', { error }));
  await dependencies.replies.release(conversation.id, { leaseOwner: job.jobId });
  return 'handed-over';
}

/**
 * What the customer's language is read from: what they wrote, oldest first (a short "ok" keeps
 * the language of the conversation), not button titles or descriptions of files ("[chose: …]").
 */
function customerWords(turns: readonly Turn[]): string[] {
  return turns
    .filter((turn) => turn.role === 'customer' && !turn.text.startsWith('['))
    .map((turn) => turn.text);
}

/** The texts of the pending messages, oldest first: a burst is one question. */
function pendingText(turns: readonly Turn[], pending: readonly PendingEntry[]): string {
  const wanted = new Set(pending.map((entry) => entry.wamid));
  const texts = turns
    .filter((turn) => turn.role === 'customer' && wanted.has(turn.wamid))
    .map((turn) => turn.text);
  if (texts.length > 0) return texts.join('\n');
  // Not in the recent history (an old message delivered late): the customer's latest words stand in.
  return turns.filter((turn) => turn.role === 'customer').at(-1)?.text ?? '';
}
