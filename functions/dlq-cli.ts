/**
 * `npm run dlq -- list|replay --queue whatsapp-inbound [--max 50] [--json]`: lists the letters of a
 * dead-letter queue (without consuming them) or replays them through the functions that failed them.
 * Works against whatever the configuration points at: the local world of `npm start`, or AWS.
 */
import { parseArgs } from 'node:util';
import { deadLetterQueueAliases, isDeadLetterQueueAlias } from '#channels/dead-letters/dead-letter-queues.ts';
import { deadLetterQueueFor } from '#channels/dead-letters/replay-dead-letters.ts';
import { ConfigError } from '#core/config/load-config.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { platform } from './composition-root.ts';
import { handler as replay } from './wecare-dlq-replay.ts';

const usage = `usage: npm run dlq -- list|replay --queue ${Object.keys(deadLetterQueueAliases).join('|')} [--max N] [--json]`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      max: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const [command] = positionals;
  const alias = values.queue ?? '';
  const max = Number(values.max);
  if (
    (command !== 'list' && command !== 'replay') ||
    !isDeadLetterQueueAlias(alias) ||
    !Number.isInteger(max) ||
    max < 1
  ) {
    console.error(usage);
    return 2;
  }
  const { config: settings, clients } = platform();
  if (command === 'list') {
    const queue = deadLetterQueueFor(settings, clients, alias);
    const letters = await queue.receive(max, 30);
    await Promise.all(letters.map((letter) => queue.release(letter.receiptHandle)));
    if (values.json)
      console.log(JSON.stringify(letters.map(({ letter, receiveCount }) => ({ ...letter, receiveCount }))));
    else if (letters.length === 0) console.log(`${alias}: no dead letters`);
    else {
      console.log(`${alias}: ${letters.length} dead letter(s)`);
      for (const { letter } of letters) {
        console.log(
          `${letter.id}  ${letter.failedAt}  ${letter.kind}  ${letter.error.stage ?? '-'}/${letter.error.code}  ${letter.error.message}`,
        );
      }
    }
    return 0;
  }
  // A replay is the wecare-dlq-replay function's work: the CLI invokes its handler, as AWS would.
  const answer = await replay({ queue: alias, max }, lambdaContext('wecare-dlq-replay', 900_000));
  if (!answer.ok) throw new Error(answer.error.message);
  const { results } = answer;
  if (values.json) console.log(JSON.stringify(results));
  else {
    const replayed = results.filter((result) => result.outcome === 'replayed').length;
    console.log(`${alias}: ${replayed} replayed, ${results.length - replayed} still in the queue`);
    for (const result of results.filter((item) => item.outcome !== 'replayed'))
      console.log(`${result.id}  ${result.outcome}  ${result.reason ?? ''}`);
  }
  return results.every((result) => result.outcome === 'replayed') ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `dlq: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
