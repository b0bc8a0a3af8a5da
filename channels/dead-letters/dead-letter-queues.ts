import type { Config } from '#core/config/config-schema.ts';
import type { QueueKey } from '#core/queues/queue-definitions.ts';

/** The names people use for the dead-letter queues on the command line. */
export const deadLetterQueueAliases = {
  'whatsapp-inbound': 'whatsAppInboundDlq',
  outbound: 'outboundDlq',
  inbound: 'inboundDlq',
  bulk: 'bulkDlq',
  agent: 'agentDlq',
} as const satisfies Record<string, QueueKey>;
export type DeadLetterQueueAlias = keyof typeof deadLetterQueueAliases;

export function isDeadLetterQueueAlias(name: string): name is DeadLetterQueueAlias {
  return Object.hasOwn(deadLetterQueueAliases, name);
}

export function deadLetterQueueName(config: Config, alias: DeadLetterQueueAlias): string {
  return config.queues[deadLetterQueueAliases[alias]];
}
