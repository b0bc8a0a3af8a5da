import type { Config } from '../config/load-config.ts';

/**
 * The five SQS queues of the client's inventory. The bulk queue redrives to its DLQ; the other
 * DLQs are the dead-letter stores of the inbound, outbound and WhatsApp inbound paths, where the
 * original payload of an event that could not be handled is kept for inspection and replay.
 */
export type QueueKey = keyof Config['queues'];

export interface QueueDefinition {
  key: QueueKey;
  name: string;
  /** `seed`: exists in the client's account (the deployment references it); `platform`: added by this platform. */
  origin: 'seed' | 'platform';
  purpose: string;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  deadLetter?: { target: QueueKey; maxReceiveCount: number };
}

const days = (count: number) => count * 24 * 60 * 60;

export function queueDefinitions(config: Config): readonly QueueDefinition[] {
  const { queues } = config;
  const dlq = (key: QueueKey, name: string, purpose: string): QueueDefinition => ({
    key,
    name,
    origin: 'seed',
    purpose,
    visibilityTimeoutSeconds: 300,
    retentionSeconds: days(7),
  });
  return [
    dlq('inboundDlq', queues.inboundDlq, 'Failed inbound messages (SMS, email)'),
    {
      key: 'bulk',
      name: queues.bulk,
      origin: 'seed',
      purpose: 'Bulk job processing',
      visibilityTimeoutSeconds: 300,
      retentionSeconds: days(1),
      deadLetter: { target: 'bulkDlq', maxReceiveCount: 5 },
    },
    dlq('bulkDlq', queues.bulkDlq, 'Failed bulk chunks'),
    dlq('outboundDlq', queues.outboundDlq, 'Failed outbound messages'),
    dlq('whatsAppInboundDlq', queues.whatsAppInboundDlq, 'Failed WhatsApp inbound events'),
    {
      key: 'agent',
      name: queues.agent,
      origin: 'platform',
      purpose: "The bot's jobs: one per customer message, delayed for the debounce",
      // Longer than the bot function's timeout, so a job is not handed out twice while it is being answered.
      visibilityTimeoutSeconds: 120,
      retentionSeconds: days(1),
      deadLetter: { target: 'agentDlq', maxReceiveCount: 5 },
    },
    { ...dlq('agentDlq', queues.agentDlq, "The bot's jobs that failed five times"), origin: 'platform' },
  ];
}
