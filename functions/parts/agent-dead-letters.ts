import '#core/aws/clients/s3.ts';
import '#core/aws/clients/sqs.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { part } from '../composition-root.ts';

/** Where the bot's jobs go when they cannot be read (large bodies kept in S3). */
export const agentDeadLetters = part(
  ({ config, clients }) =>
    new DeadLetterQueue(clients.sqs, clients.s3, config.queues.agentDlq, {
      bucket: config.buckets.general.name,
      prefix: config.buckets.general.deadLetterPrefix,
    }),
);
