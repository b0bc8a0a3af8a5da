import type { Config } from '#core/config/config-schema.ts';
import type { ChannelMessageStore } from '#core/stores/channel-message-store.ts';
import type { ReliableDeliveryOptions } from './reliable-delivery.ts';

/** What the SMS and email senders are built from, besides their own SDK client (built with maxAttempts 1: retries are the sender's). */
export interface ChannelSenderDependencies extends Omit<ReliableDeliveryOptions, 'kind' | 'functionName'> {
  config: Config;
  records: ChannelMessageStore;
}
