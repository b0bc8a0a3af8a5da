import type { Config } from '#core/config/config-schema.ts';
import type { SendPaces } from '#core/rate-limit/send-paces.ts';
import type { DailyStats } from '#core/stats/daily-stats.ts';
import type { ChannelMessageRecord, ChannelMessageStore } from '#core/stores/channel-message-store.ts';
import { type ReliableDeliveryOptions, retried } from './reliable-delivery.ts';

/** What the SMS and email senders are built from, besides their own SDK client (built with maxAttempts 1: retries are the sender's). */
export interface ChannelSenderDependencies extends Omit<ReliableDeliveryOptions, 'kind' | 'functionName'> {
  config: Config;
  records: ChannelMessageStore;
  /** The dashboard's counters: each message counted once. */
  stats: Pick<DailyStats, 'count'>;
  /** The pool's and the sender's limits, shared by every process; replies first. */
  paces: Pick<SendPaces, 'sms' | 'email'>;
}

/** What goes on the channel message record besides the message id, the time and the status. */
export type SentMessage = Omit<ChannelMessageRecord, 'id' | 'sentAt' | 'atMs' | 'status'>;

/**
 * One channel API call (`call` paces and makes it; this retries it), then the record of what went out:
 * the SMS and email senders differ only in the call and in what they record.
 */
export async function sendAndRecord(
  dependencies: ChannelSenderDependencies,
  operation: string,
  call: () => Promise<string>,
  message: SentMessage,
): Promise<{ messageId: string }> {
  const messageId = await retried(dependencies, operation, call);
  const sentAt = new Date();
  const first = await dependencies.records.record({
    ...message,
    id: messageId,
    sentAt: sentAt.toISOString(),
    atMs: sentAt.getTime(),
    status: 'accepted',
  });
  if (first)
    await dependencies.stats.count({ kind: 'message-out', channel: message.channel }, sentAt.getTime());
  return { messageId };
}
