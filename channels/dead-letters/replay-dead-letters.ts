import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { DeadLetter } from '#core/dead-letters/dead-letter.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { emailSender, smsSender } from '../delivery/channel-senders.ts';
import { handleInboundEvent } from '../whatsapp/inbound/handle-inbound-event.ts';
import { inboundDependencies } from '../whatsapp/inbound/inbound-dependencies.ts';
import { whatsAppSender } from '../whatsapp/outbound/sender-dependencies.ts';
import { type DeadLetterQueueAlias, deadLetterQueueName } from './dead-letter-queues.ts';

export interface ReplayResult {
  id: string;
  kind: string;
  outcome: 'replayed' | 'still-failing' | 'no-replayer';
  reason?: string;
}

/** Re-runs one dead letter through the code that failed it; resolves to why it still fails, if it does. */
type Replayer = (letter: DeadLetter) => Promise<string | undefined>;

/** Collects what a replayed handler would dead-letter again, so that the original letter stays the only one. */
function collectingDeadLetters(letter: DeadLetter, failures: string[]) {
  return {
    send: async (input: Omit<DeadLetter, 'version' | 'id' | 'failedAt' | 'payloadS3'>) => {
      failures.push(`${input.error.code}: ${input.error.message}`);
      return { ...input, version: 1 as const, id: letter.id, failedAt: new Date().toISOString() };
    },
  };
}

function replayers(config: Config, clients: AwsClients): Record<string, Replayer> {
  /** Outbound replays: the same request, with its idempotency key, through the same sender. */
  const resend =
    (
      build: (deadLetters: ReturnType<typeof collectingDeadLetters>) => {
        send(request: unknown): Promise<unknown>;
      },
    ): Replayer =>
    async (letter) => {
      const failures: string[] = [];
      try {
        await build(collectingDeadLetters(letter, failures)).send(letter.payload);
        return undefined;
      } catch (error) {
        return failures[0] ?? (error instanceof Error ? error.message : String(error));
      }
    };
  return {
    'sms-outbound': resend((deadLetters) => smsSender(config, clients, { deadLetters })),
    'email-outbound': resend((deadLetters) => emailSender(config, clients, { deadLetters })),
    // The request keeps its idempotency key: a send that did go out is not sent again.
    'whatsapp-outbound': resend((deadLetters) => whatsAppSender(config, clients, { deadLetters })),
    'whatsapp-inbound': async (letter) => {
      const failures: string[] = [];
      // A replay that fails again leaves the original letter in place instead of writing a new one.
      const dependencies = {
        ...inboundDependencies(config, clients),
        deadLetters: collectingDeadLetters(letter, failures),
      };
      const report = await handleInboundEvent(
        (letter.payload as object | undefined) ?? letter.payloadText ?? '',
        dependencies,
      );
      failures.push(...report.retry.map((item) => item.message));
      return failures.length > 0 ? failures.join('; ') : undefined;
    },
  };
}

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
 * Replays up to `max` letters: each one that now goes through is deleted; one that still fails
 * is made visible again with its reason reported. Replaying is idempotent: the handlers store
 * nothing twice, so a letter replayed twice (or after it succeeded) changes nothing.
 */
export async function replayDeadLetters(
  config: Config,
  clients: AwsClients,
  alias: DeadLetterQueueAlias,
  max: number,
): Promise<ReplayResult[]> {
  const queue = deadLetterQueueFor(config, clients, alias);
  const byKind = replayers(config, clients);
  const results: ReplayResult[] = [];
  for (const received of await queue.receive(max, 120)) {
    const replay = byKind[received.letter.kind];
    if (!replay) {
      await queue.release(received.receiptHandle);
      results.push({
        id: received.letter.id,
        kind: received.letter.kind,
        outcome: 'no-replayer',
        reason: `no replayer for ${received.letter.kind} letters yet`,
      });
      continue;
    }
    let reason: string | undefined;
    try {
      reason = await replay(received.letter);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (reason === undefined) {
      await queue.delete(received.receiptHandle);
      results.push({ id: received.letter.id, kind: received.letter.kind, outcome: 'replayed' });
    } else {
      await queue.release(received.receiptHandle);
      results.push({ id: received.letter.id, kind: received.letter.kind, outcome: 'still-failing', reason });
    }
  }
  return results;
}
