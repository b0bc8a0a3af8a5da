import '#core/aws/clients/lambda.ts';
import '#core/aws/clients/sqs.ts';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import { invokeFunction } from '#core/lambda/invoke-function.ts';
import { queueUrl } from '#core/queues/queue-url.ts';
import {
  type DeadLetterQueueAlias,
  deadLetterQueueAliases,
  deadLetterQueueName,
} from './dead-letter-queues.ts';
import { deadLetterQueueFor } from './replay-dead-letters.ts';

/** A dead-letter queue as the console shows it. */
export interface DeadLetterQueueDepth {
  queue: DeadLetterQueueAlias;
  name: string;
  /** Letters waiting (SQS's approximate count). */
  waiting: number;
  /** Letters someone is looking at or replaying right now. */
  inFlight: number;
}

/** A letter as the console lists it: why it failed, since when, and what it held, masked. */
export interface DeadLetterPreview {
  id: string;
  kind: string;
  reason: string;
  firstSeenAt: string;
  receiveCount: number;
  preview: string;
}

/** The depth of every dead-letter queue (GetQueueAttributes: no letter is touched). */
export async function deadLetterQueueDepths(
  config: Config,
  clients: AwsClients,
): Promise<DeadLetterQueueDepth[]> {
  return Promise.all(
    (Object.keys(deadLetterQueueAliases) as DeadLetterQueueAlias[]).map(async (queue) => {
      const name = deadLetterQueueName(config, queue);
      const found = await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: await queueUrl(clients.sqs, name),
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return {
        queue,
        name,
        waiting: Number(found.Attributes?.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(found.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
}

/**
 * Up to `max` letters of a queue, looked at and put back at once (received with a short
 * visibility, then made visible again): listing changes nothing but their receive count.
 */
export async function peekDeadLetters(
  config: Config,
  clients: AwsClients,
  queue: DeadLetterQueueAlias,
  max: number,
): Promise<DeadLetterPreview[]> {
  const dlq = deadLetterQueueFor(config, clients, queue);
  const received = await dlq.receive(max, 30);
  await Promise.all(received.map((letter) => dlq.release(letter.receiptHandle)));
  return received.map(({ letter, receiveCount }) => ({
    id: letter.id,
    kind: letter.kind,
    reason: `${letter.error.code}: ${masked(letter.error.message)}`.slice(0, 300),
    firstSeenAt: letter.failedAt,
    receiveCount,
    preview: previewOf(letter),
  }));
}

const ReplayAnswer = z.object({
  ok: z.literal(true),
  results: z.array(
    z.object({ id: z.string(), kind: z.string(), outcome: z.string(), reason: z.string().optional() }),
  ),
});
export type ReplayAnswer = z.infer<typeof ReplayAnswer>;

/**
 * Replays letters through `wecare-dlq-replay` (Lambda's Invoke: the function that owns replays,
 * one at a time), all of them (`max` per call) or the ones named; the outcome of each letter.
 */
export async function replayFromConsole(
  clients: AwsClients,
  request: { queue: DeadLetterQueueAlias; ids?: readonly string[] | undefined; max: number },
): Promise<ReplayAnswer['results']> {
  const answer = ReplayAnswer.parse(
    await invokeFunction(clients, 'wecare-dlq-replay', {
      queue: request.queue,
      max: request.max,
      ...(request.ids ? { ids: request.ids } : {}),
    }),
  );
  return answer.results;
}

/** The payload as a person may read it in the console: 400 characters, phone numbers and emails masked. */
function previewOf(letter: DeadLetter): string {
  const text =
    letter.payloadText ?? (letter.payload === undefined ? '' : JSON.stringify(letter.payload)) ?? '';
  return masked(text.slice(0, 2000)).slice(0, 400);
}

/** Every run of 8 or more digits (a phone number, a WhatsApp id) keeps its last 4; emails their domain. */
export function masked(text: string): string {
  return text
    .replace(/\+?\d[\d ]{6,}\d/g, (digits) => {
      const bare = digits.replace(/\D/g, '');
      return bare.length < 8 ? digits : `••••${bare.slice(-4)}`;
    })
    .replace(/[\w.+-]+@([\w-]+\.[\w.-]+)/g, '•••@$1');
}
