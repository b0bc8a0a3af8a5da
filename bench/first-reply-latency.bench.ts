/**
 * How soon a customer hears back while they keep typing: 5 customers each send a message every
 * 1–3 s for 60 s, through the whole local platform (SNS stand-in → inbound function → agent queue
 * with its debounce delay → bot function → EUM Social stand-in), with the offline model. For each
 * message: the time until the first reply that answers it (its record's `answers`) went out.
 * Target: p99 within the debounce cap plus 1 s, however the customer keeps typing.
 */
import { conversationIdOf } from '#core/stores/conversation.ts';
import { outboundRecordsOf } from '../test/outbound-records.ts';
import { customersTyping, worldWithFunctions } from './typing-customers.ts';

const customers = 5;
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const questions = [
  'Hi',
  'I have a question',
  'What are your office hours?',
  'And on Sunday?',
  'How much is the Website Starter?',
];

const { world, config, clients, functions, number } = await worldWithFunctions();

/** When each message reached the platform (the SNS publish), by wamid. */
const sentAt = new Map<string, number>();
const audience = Array.from(
  { length: customers },
  (_, index) => `9196${String(Date.now() % 1e6).padStart(6, '0')}${index}0`,
);
await customersTyping({
  config,
  functions,
  number,
  audience,
  seconds,
  questions,
  sent: ({ wamid, atMs }) => sentAt.set(wamid, atMs),
});
await new Promise((resolve) => setTimeout(resolve, config.agent.debounceCapMs + 5000));

/** For each message, when the first reply answering it went out. */
const firstReply = new Map<string, number>();
for (const waId of audience) {
  for (const reply of await outboundRecordsOf(
    config,
    clients,
    conversationIdOf(number.metaPhoneNumberId, waId),
  )) {
    for (const wamid of reply.answers) if (!firstReply.has(wamid)) firstReply.set(wamid, reply.atMs);
  }
}
const latencies = [...sentAt].flatMap(([wamid, at]) => {
  const replied = firstReply.get(wamid);
  return replied === undefined ? [] : [(replied - at) / 1000];
});
latencies.sort((left, right) => left - right);
const percentile = (fraction: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? Number.NaN;
const unanswered = sentAt.size - latencies.length;
console.log(
  `${sentAt.size} messages from ${customers} customers typing for ${seconds} s; ${unanswered} without an answer`,
);
console.log(
  `first reply covering a message: p50 ${percentile(0.5).toFixed(1)} s, p99 ${percentile(0.99).toFixed(1)} s, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} s (target p99 ≤ ${((config.agent.debounceCapMs + 1000) / 1000).toFixed(0)} s: the debounce cap + 1 s)`,
);
await world.stop();
if (unanswered > 0) process.exitCode = 1;
