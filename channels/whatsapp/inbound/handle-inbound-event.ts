import type { Logger } from '@aws-lambda-powertools/logger';
import type { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import type { Config } from '#core/config/config-schema.ts';
import type { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { AppError } from '#core/errors/app-errors.ts';
import { dispositionOf } from '#core/errors/error-response.ts';
import { maskPhone } from '#core/logger/mask-phone.ts';
import type { SendPaces } from '#core/rate-limit/send-paces.ts';
import type { DailyStats } from '#core/stats/daily-stats.ts';
import type { ContactStore } from '#core/stores/contact-store.ts';
import { contactNeedsUpdate, conversationIdOf, pendingEntriesOf } from '#core/stores/conversation.ts';
import { choiceOf, describeInbound, inboundOrderMs } from '#core/stores/conversation-history.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type {
  InboundMessageStore,
  ReplyState,
  StoredInboundMessage,
} from '#core/stores/inbound-message-store.ts';
import type { OutboundStatusStore } from '#core/stores/outbound-status-store.ts';
import type { BusinessDirectory } from '../business-directory.ts';
import { whatsAppErrorMeaning } from '../whatsapp-error-codes.ts';
import { copyInboundMedia, isMediaMessage } from './copy-inbound-media.ts';
import type { CustomerMessageListener } from './customer-message-listener.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import type { InboundMessage, InboundRecord } from './inbound-types.ts';
import { parseInboundEvent } from './parse-inbound-event.ts';

export interface InboundDependencies {
  config: Config;
  directory: BusinessDirectory;
  conversations: ConversationStore;
  contacts: ContactStore;
  inboundMessages: InboundMessageStore;
  outboundStatuses: OutboundStatusStore;
  /** The dashboard's counters: a message stored for the first time, a send that failed. */
  stats: Pick<DailyStats, 'count'>;
  socialMessaging: SocialMessagingClient;
  /** GetWhatsAppMessageMedia's limit (100/s) and the account's, shared with every instance. */
  paces: Pick<SendPaces, 'whatsAppMediaDownload'>;
  deadLetters: Pick<DeadLetterQueue, 'send'>;
  listener: CustomerMessageListener;
  logger: Logger;
}

export interface RecordSummary {
  snsMessageId: string;
  stored: number;
  duplicates: number;
  statuses: number;
  mediaFailures: number;
}

export interface InboundReport {
  records: number;
  processed: RecordSummary[];
  deadLettered: Array<{ index: number; code: string; stage?: string }>;
  /** Records that failed for a passing reason; the Lambda shell throws so that the delivery is retried. */
  retry: Array<{ index: number; message: string }>;
}

/** Types that are a customer speaking; a reaction or a system notice needs no answer. */
const noReplyNeeded = new Set(['reaction', 'system']);

/**
 * Handles one SNS Lambda event: every record on its own, so one bad record never costs a good one.
 * Bad input goes to the dead-letter queue as it arrived; transient failures are reported for retry;
 * every write is conditional or idempotent, so a redelivery stores nothing twice.
 */
export async function handleInboundEvent(
  event: string | Buffer | object,
  dependencies: InboundDependencies,
): Promise<InboundReport> {
  const report: InboundReport = { records: 0, processed: [], deadLettered: [], retry: [] };
  let outcomes: ReturnType<typeof parseInboundEvent>;
  try {
    outcomes = parseInboundEvent(event, dependencies.directory);
  } catch (error) {
    if (!(error instanceof InboundParseError)) throw error;
    await deadLetter(dependencies, event, error);
    report.deadLettered.push({ index: -1, code: error.code, stage: error.stage });
    return report;
  }
  report.records = outcomes.length;
  for (const outcome of outcomes) {
    if (!outcome.ok) {
      await deadLetter(dependencies, { Records: [outcome.original] }, outcome.error);
      report.deadLettered.push({
        index: outcome.index,
        code: outcome.error.code,
        stage: outcome.error.stage,
      });
      continue;
    }
    try {
      report.processed.push(await processRecord(outcome.record, dependencies));
    } catch (error) {
      if (dispositionOf(error) === 'retry') {
        report.retry.push({
          index: outcome.index,
          message: error instanceof Error ? error.message : String(error),
        });
        dependencies.logger.warn('Inbound record will be retried', { index: outcome.index, error });
      } else {
        const appError = error instanceof AppError ? error : undefined;
        await deadLetter(
          dependencies,
          { Records: [outcome.original] },
          appError ?? new InboundParseError('processing-failed', 'event', String(error)),
        );
        report.deadLettered.push({ index: outcome.index, code: appError?.code ?? 'processing-failed' });
      }
    }
  }
  return report;
}

async function processRecord(
  record: InboundRecord,
  dependencies: InboundDependencies,
): Promise<RecordSummary> {
  const summary: RecordSummary = {
    snsMessageId: record.snsMessageId,
    stored: 0,
    duplicates: 0,
    statuses: 0,
    mediaFailures: 0,
  };
  for (const message of record.messages) {
    const result = await processMessage(record, message, dependencies);
    if (result.stored) summary.stored += 1;
    else summary.duplicates += 1;
    if (result.mediaFailed) summary.mediaFailures += 1;
  }
  for (const status of record.statuses) {
    const errorMeanings = status.errors.map((error) => whatsAppErrorMeaning(error.code, error.title).meaning);
    const outcome = await dependencies.outboundStatuses.apply({ ...status, errorMeanings });
    summary.statuses += 1;
    // Counted when the failure moved the message on: a redelivered status counts nothing again.
    if (outcome === 'applied' && status.status === 'failed')
      await dependencies.stats.count({ kind: 'whatsapp-failed', errorCodes: status.errorCodes });
    if (outcome === 'stale')
      dependencies.logger.debug('Status arrived after a later one', {
        wamid: status.wamid,
        status: status.status,
      });
  }
  dependencies.logger.info('Inbound record handled', { ...summary });
  if (summary.mediaFailures > 0) {
    // The messages are stored and handed over; only the files are missing. Ask for the delivery again.
    throw new MediaNotCopiedError(
      `${summary.mediaFailures} media file(s) of SNS message ${record.snsMessageId} not copied yet`,
    );
  }
  return summary;
}

async function processMessage(
  record: InboundRecord,
  message: InboundMessage,
  dependencies: InboundDependencies,
) {
  const atMs = Number(message.timestampUnix) * 1000;
  const replyState: ReplyState = noReplyNeeded.has(message.type) ? 'none-needed' : 'awaiting-reply';
  const stored: StoredInboundMessage = {
    id: message.wamid,
    conversationId: conversationIdOf(message.phoneNumberId, message.from),
    atMs,
    timestamp: message.timestamp,
    timestampUnix: message.timestampUnix,
    from: message.from,
    profileName: message.profileName,
    type: message.type,
    payload: message.payload,
    context: message.context,
    referral: message.referral,
    phoneNumberId: message.phoneNumberId,
    wabaId: message.wabaId,
    snsMessageId: record.snsMessageId,
    envelopeMessageId: record.envelopeMessageId,
    receivedAt: new Date().toISOString(),
    replyState,
    ...(isMediaMessage(message) ? { media: { status: 'pending' as const, attempts: 0 } } : {}),
  };
  // Each step below is safe to repeat: a redelivered message finds itself stored and finishes what a
  // crashed attempt left undone, instead of stopping at "duplicate". The conversation learns of the
  // message (and that it waits for a reply) before anyone is told, so a crash in between leaves it
  // visibly waiting for the reconciliation sweep.
  const outcome = await dependencies.inboundMessages.storeOnce(stored);
  if (outcome === 'stored') await dependencies.stats.count({ kind: 'message-in', channel: 'whatsapp' }, atMs);
  const current =
    outcome === 'stored' ? stored : ((await dependencies.inboundMessages.get(message.wamid)) ?? stored);
  const conversation = await dependencies.conversations.recordInbound({
    businessPhoneNumberId: message.phoneNumberId,
    customerWaId: message.from,
    profileName: message.profileName,
    wamid: message.wamid,
    at: message.timestamp,
    atMs,
    ...(current.replyState === 'awaiting-reply'
      ? {
          awaitsReply: { receivedMs: Date.parse(current.receivedAt) },
          // What the bot will read of it, kept on the conversation with the claim it answers from.
          turn: {
            role: 'customer' as const,
            wamid: current.id,
            text: describeInbound({ ...current }),
            atMs: inboundOrderMs({ ...current }),
            ...choiceOf({ ...current }),
          },
        }
      : {}),
  });
  // The contact and the hand-over do not depend on each other: side by side. A known customer under
  // the same name needs no contact write (it would cost two calls a message). A redelivery hands
  // over again only while the message still waits (the job it caused may be the one a crash lost);
  // once answered, it is settled and nobody is told twice.
  const waiting = pendingEntriesOf(conversation).some((entry) => entry.wamid === message.wamid);
  await Promise.all([
    contactNeedsUpdate(conversation)
      ? dependencies.contacts.upsertFromWhatsApp({
          waId: message.from,
          profileName: message.profileName,
          atMs,
        })
      : undefined,
    outcome === 'stored' || waiting
      ? dependencies.listener.onCustomerMessage(conversation, current)
      : undefined,
  ]);
  dependencies.logger.info('Customer message stored', {
    wamid: message.wamid,
    type: message.type,
    from: maskPhone(message.from),
    outcome,
  });
  const mediaFailed =
    isMediaMessage(message) && current.media?.status !== 'stored'
      ? !(await copyMedia(message, current, dependencies))
      : false;
  return { stored: outcome === 'stored', mediaFailed };
}

/** Copies the file; on failure records why on the message and returns false. */
async function copyMedia(
  message: InboundMessage & { payload: { mediaId: string; mimeType: string } },
  current: StoredInboundMessage,
  dependencies: InboundDependencies,
): Promise<boolean> {
  const attempts = (current.media?.attempts ?? 0) + 1;
  try {
    await dependencies.inboundMessages.setMedia(
      message.wamid,
      await copyInboundMedia(dependencies, message, attempts),
    );
    return true;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await dependencies.inboundMessages.setMedia(message.wamid, {
      status: 'failed',
      attempts,
      lastError: reason.slice(0, 500),
      failedAt: new Date().toISOString(),
    });
    dependencies.logger.warn('Media not copied', { wamid: message.wamid, attempts, reason });
    return false;
  }
}

class MediaNotCopiedError extends AppError {
  readonly code = 'media-not-copied';
  readonly httpStatus = 502;
  readonly disposition = 'retry';
}

async function deadLetter(
  dependencies: InboundDependencies,
  payload: unknown,
  error: AppError,
): Promise<void> {
  const asText =
    typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  await dependencies.deadLetters.send({
    kind: 'whatsapp-inbound',
    error: {
      code: error.code,
      ...(error instanceof InboundParseError ? { stage: error.stage } : {}),
      message: error.message,
    },
    disposition: error.disposition,
    ...(asText === undefined ? { payload } : { payloadText: asText }),
  });
  dependencies.logger.warn('Inbound event dead-lettered', { code: error.code, reason: error.message });
}
