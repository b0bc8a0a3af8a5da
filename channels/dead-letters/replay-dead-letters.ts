import '#core/aws/clients/s3.ts';
import '#core/aws/clients/sqs.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { type DeadLetterQueueAlias, deadLetterQueueName } from './dead-letter-queues.ts';

export interface ReplayResult {
  id: string;
  kind: string;
  outcome: 'replayed' | 'dead-lettered-again' | 'still-failing' | 'no-replayer' | 'not-found';
  reason?: string;
}

/**
 * What replaying one letter came to: delivered; failed again and put back on the queue by the
 * handler itself, with the new reason (the old letter can go); or still failing for a reason the
 * handler did not dead-letter (the old letter stays).
 */
export type ReplayVerdict =
  | { outcome: 'replayed' }
  | { outcome: 'dead-lettered-again'; reason: string }
  | { outcome: 'still-failing'; reason: string };

/** Re-runs one dead letter through the function that failed it (its Lambda handler). */
export type Replayer = (letter: DeadLetter) => Promise<ReplayVerdict>;

export function deadLetterQueueFor(
  config: Config,
  clients: AwsClients,
  alias: DeadLetterQueueAlias,
): DeadLetterQueue {
  return new DeadLetterQueue(clients.sqs, clients.s3, deadLetterQueueName(config, alias), {
    bucket: config.buckets.general.name,
    prefix: config.buckets.general.deadLetterPrefix,
  });
}

/**
 * Replays up to `max` letters (or only the letters `ids` names, looked for among up to `max`): each
 * one that now goes through (or that its handler dead-lettered again under a new letter) is
 * deleted; one that still fails is made visible again with its reason reported. Replaying is
 * idempotent: the handlers store and send nothing twice, and a letter replayed is gone, so asking
 * for it again finds nothing (`not-found`).
 */
export async function replayDeadLetters(
  queue: Pick<DeadLetterQueue, 'receive' | 'delete' | 'release'>,
  replayerFor: (letter: DeadLetter) => Replayer | undefined,
  max: number,
  ids?: readonly string[],
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = [];
  const wanted = ids ? new Set(ids) : undefined;
  for (const received of await queue.receive(max, 120)) {
    const { letter } = received;
    if (wanted && !wanted.has(letter.id)) {
      await queue.release(received.receiptHandle);
      continue;
    }
    wanted?.delete(letter.id);
    const replay = replayerFor(letter);
    if (!replay) {
      await queue.release(received.receiptHandle);
      results.push({
        id: letter.id,
        kind: letter.kind,
        outcome: 'no-replayer',
        reason: `no replayer for ${letter.kind} letters`,
      });
      continue;
    }
    let verdict: ReplayVerdict;
    try {
      verdict = await replay(letter);
    } catch (error) {
      verdict = { outcome: 'still-failing', reason: error instanceof Error ? error.message : String(error) };
    }
    if (verdict.outcome === 'still-failing') await queue.release(received.receiptHandle);
    else await queue.delete(received.receiptHandle);
    results.push({ id: letter.id, kind: letter.kind, ...verdict });
  }
  for (const id of wanted ?? [])
    results.push({ id, kind: 'unknown', outcome: 'not-found', reason: 'no such letter in the queue' });
  return results;
}
