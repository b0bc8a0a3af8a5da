/**
 * The answering pipeline under load with faults: 20 customers each write every 1-3 s for 60 s
 * through the whole local platform (SNS shape -> inbound function -> agent queue -> bot function
 * -> EUM Social stand-in), while one in ten WhatsApp sends and one in ten model calls fail (500s).
 * Then the dead-letter queues are replayed through wecare-dlq-replay. Prints together: first-reply
 * latency p50/p99, messages sent, answered, handed over, lost (neither), answered twice, the
 * faults taken, and what the replay recovered. BENCH_SECONDS and BENCH_CUSTOMERS change the load.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { deadLetterQueueAliases } from '#channels/dead-letters/dead-letter-queues.ts';
import { queueUrl } from '#core/queues/queue-url.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { outboundRecordsOf } from '../test/outbound-records.ts';
import { customersTyping, worldWithFunctions } from './typing-customers.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const questions = [
  'Hi',
  'What are your office hours?',
  'How much is the Website Starter?',
  'Do you work on Sundays?',
  'आपका ऑफिस कहाँ है?',
  'Can I pay by UPI?',
  'Thanks',
];

const { world, config, clients, functions, number } = await worldWithFunctions();
const injected = {
  api: '',
  operation: '',
  errorType: 'InternalServerException',
  status: 500,
  count: 10_000,
  share: 0.1,
};
world.faults.inject({ ...injected, api: 'social-messaging', operation: 'SendWhatsAppMessage' });
world.faults.inject({
  ...injected,
  api: 'bedrock-runtime',
  operation: 'Converse',
  errorType: 'InternalServerException',
});

const sentAt = new Map<string, { at: number; waId: string }>();
const audience = Array.from(
  { length: customers },
  (_, index) => `9195${String(Date.now() % 1e6).padStart(6, '0')}${String(index).padStart(2, '0')}`,
);
await customersTyping({
  config,
  functions,
  number,
  audience,
  seconds,
  questions,
  sent: ({ wamid, waId, atMs }) => sentAt.set(wamid, { at: atMs, waId }),
});
await new Promise((resolve) => setTimeout(resolve, config.agent.debounceCapMs + 10_000));

/** Each message's fate: when the first reply answering it went out, how many replies answered it. */
async function tally() {
  const firstReply = new Map<string, number>();
  const replies = new Map<string, number>();
  const handedOver = new Set<string>();
  for (const waId of audience) {
    const conversationId = conversationIdOf(number.metaPhoneNumberId, waId);
    for (const reply of await outboundRecordsOf(config, clients, conversationId)) {
      for (const wamid of reply.answers) {
        if (!firstReply.has(wamid)) firstReply.set(wamid, reply.atMs);
        replies.set(wamid, (replies.get(wamid) ?? 0) + 1);
      }
    }
    const conversation = await clients.documents.send(
      new GetCommand({ TableName: config.tables.conversations, Key: { id: conversationId } }),
    );
    // No conversation at all is a customer lost from sight, not one handed over.
    if (conversation.Item && conversation.Item.state !== 'bot') handedOver.add(waId);
  }
  const latencies = [...sentAt].flatMap(([wamid, { at }]) => {
    const replied = firstReply.get(wamid);
    return replied === undefined ? [] : [(replied - at) / 1000];
  });
  latencies.sort((left, right) => left - right);
  const unanswered = [...sentAt].filter(([wamid]) => !firstReply.has(wamid));
  return {
    latencies,
    answered: latencies.length,
    handedOver: unanswered.filter(([, { waId }]) => handedOver.has(waId)).length,
    lost: unanswered.filter(([, { waId }]) => !handedOver.has(waId)).length,
    twice: [...replies.values()].filter((count) => count > 1).length,
  };
}

async function deadLetters(): Promise<Record<string, number>> {
  const depths: Record<string, number> = {};
  for (const [alias, key] of Object.entries(deadLetterQueueAliases)) {
    const attributes = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: await queueUrl(clients.sqs, config.queues[key]),
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    depths[alias] = Number(attributes.Attributes?.ApproximateNumberOfMessages ?? 0);
  }
  return depths;
}

const before = await tally();
const letters = await deadLetters();
const faultsTaken = world.faults.report();
world.faults.clear();
for (const [alias, depth] of Object.entries(letters))
  if (depth > 0) await functions.invokeByName('wecare-dlq-replay', { queue: alias, max: 500 });
await new Promise((resolve) => setTimeout(resolve, config.agent.debounceCapMs + 10_000));
const after = await tally();
await world.stop();

const percentile = (latencies: number[], fraction: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? Number.NaN;
const row = (label: string, value: string) => console.log(`  ${label.padEnd(50)}${value}`);
console.log(
  `\nAnswers under load and faults: ${customers} customers writing every 1-3 s for ${seconds} s; 1 in 10 WhatsApp sends and 1 in 10 model calls fail (500)`,
);
row('messages sent', String(sentAt.size));
row(
  'calls failed on purpose',
  faultsTaken.map((fault) => `${fault.operation} ${fault.failed} of ${fault.seen}`).join(', '),
);
row(
  'first reply p50 / p99',
  `${percentile(before.latencies, 0.5).toFixed(1)} / ${percentile(before.latencies, 0.99).toFixed(1)} s (target p99 <= ${((config.agent.debounceCapMs + 1000) / 1000).toFixed(0)} s)`,
);
row('answered / handed over to a person', `${before.answered} / ${before.handedOver}`);
row('lost (neither answered nor handed over)', `${before.lost}   (target 0)`);
row('answered twice', `${before.twice}   (target 0)`);
row(
  'dead letters after the run',
  Object.entries(letters)
    .map(([alias, depth]) => `${alias} ${depth}`)
    .join(', '),
);
row(
  'after the replay: answered / handed over / lost',
  `${after.answered} / ${after.handedOver} / ${after.lost}   (target lost 0)`,
);
row('after the replay: answered twice', `${after.twice}   (target 0)`);
if (after.lost > 0 || after.twice > 0) process.exitCode = 1;
