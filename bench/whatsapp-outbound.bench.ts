/**
 * WhatsApp sends from one business number by two sender processes at once (as two Lambda
 * instances would be): one floods it with bulk sends (notifications the business starts), the
 * other answers customers at a trickle. Every send goes through the real sender (validation,
 * window check, the limits shared through RateLimitsTable, retries, idempotency, records) to the
 * EUM Social stand-in, which refuses the 81st message of a number in any one-second window.
 * Both processes warm up first on the other number (their code loaded and compiled, as a Lambda
 * instance's is after its first invocations), then start together.
 * Prints, from the times the messages reached the stand-in (accepted or refused): the largest count
 * in any one-second window (target <= 80), the sustained rate (target >= 76, 95 % of the limit), how long a reply
 * waited behind the bulk sends, retries, errors and messages lost.
 */
import { spawn } from 'node:child_process';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';

const bulkMessages = 2000;
const replyMessages = 200;
const customers = 40;
/** Sends each process makes from the other number before the measured run. */
const warmMessages = 150;

const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
  persistent: false,
  ephemeralPorts: true,
  simulator: false,
});
const [phone, warmPhone] = world.config.whatsapp.phoneNumbers;
if (!phone || !warmPhone) throw new Error('the benchmark needs two business numbers');
const clients = createAwsClients(world.config);
const conversations = new ConversationStore(clients.documents, world.config.tables.conversations);
const now = new Date();
const audience = Array.from({ length: customers }, (_, index) => `91980000${String(index).padStart(4, '0')}`);
for (const [waId, number] of audience.flatMap((waId) =>
  [phone, warmPhone].map((number) => [waId, number] as const),
)) {
  await conversations.recordInbound({
    businessPhoneNumberId: number.metaPhoneNumberId,
    customerWaId: waId,
    profileName: null,
    wamid: `wamid.bench${waId}`,
    at: now.toISOString(),
    atMs: now.getTime(),
  });
}

interface SenderFigures {
  kind: string;
  sent: number;
  failures: number;
  firstFailure?: string;
  retries: number;
  throttled: number;
  p50Ms: number;
  p99Ms: number;
}

interface SenderProcess {
  /** Warmed up and waiting to start. */
  ready: Promise<void>;
  start(): void;
  figures: Promise<SenderFigures>;
}

/** A sender process of its own against this world (its endpoints in the environment, as a function's). */
function senderProcess(settings: Record<string, string>): SenderProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./processes/whatsapp-sender-process.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        ...world.environment,
        BENCH_FROM: phone?.id ?? '',
        BENCH_WARM_FROM: warmPhone?.id ?? '',
        BENCH_WARM_MESSAGES: String(warmMessages),
        BENCH_AUDIENCE: audience.join(','),
        ...settings,
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let output = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.split('\n').includes('ready')) markReady();
  });
  const figures = new Promise<SenderFigures>((resolve, reject) =>
    child.once('exit', (code) => {
      markReady();
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`sender exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as SenderFigures);
    }),
  );
  return { ready, start: () => child.stdin.end('go\n'), figures };
}

const senders = [
  senderProcess({ BENCH_MESSAGES: String(bulkMessages), BENCH_IN_FLIGHT: '64', BENCH_SENT_BY: 'system' }),
  senderProcess({
    BENCH_MESSAGES: String(replyMessages),
    BENCH_IN_FLIGHT: '16',
    BENCH_PER_SECOND: '8',
    BENCH_SENT_BY: 'bot',
  }),
];
await Promise.all(senders.map((sender) => sender.ready));
const started = Date.now();
for (const sender of senders) sender.start();
const [bulk, replies] = (await Promise.all(senders.map((sender) => sender.figures))) as [
  SenderFigures,
  SenderFigures,
];
/** When the stand-in took each message of `number` (sent) since `since`, oldest first. */
function acceptedTimes(number: string, since: number): number[] {
  return world.standIn.whatsapp
    .sentMessages()
    .filter((sent) => sent.phoneNumberId === number)
    .map((sent) => Date.parse(sent.sentAt))
    .filter((at) => at >= since)
    .sort((left, right) => left - right);
}

/** Every message of `number` that reached EUM, accepted or refused for its throughput: what Meta counts. */
function reachedTimes(number: string, since: number): number[] {
  return [
    ...acceptedTimes(number, since),
    ...world.standIn.whatsapp
      .refusedSends()
      .filter((refused) => refused.phoneNumberId === number && refused.atMs >= since)
      .map((refused) => refused.atMs),
  ].sort((left, right) => left - right);
}

/** The largest number in any one-second window [t, t + 1 s): two pointers over the times. */
function mostInAnySecond(times: number[]): number {
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first += 1) {
    while (last < times.length && (times[last] as number) < (times[first] as number) + 1000) last += 1;
    most = Math.max(most, last - first);
  }
  return most;
}

const accepted = acceptedTimes(phone.id, started);
const most = mostInAnySecond(reachedTimes(phone.id, started));
const mostWhileWarming = mostInAnySecond(reachedTimes(warmPhone.id, 0));
await world.stop();

// Sustained: the rate between the end of the second second and the last send (the bulk keeps the line full).
const from = (accepted[0] ?? 0) + 2000;
const steady = accepted.filter((at) => at >= from);
const sustained = (steady.length - 1) / (((steady.at(-1) ?? from) - (steady[0] ?? from)) / 1000);
const sent = bulk.sent + replies.sent;
const row = (label: string, value: string) => console.log(`  ${label.padEnd(52)}${value}`);
console.log(
  `\nWhatsApp outbound: two sender processes on ${phone.displayNumber} (limit ${phone.messagesPerSecond} msg/s): ${bulkMessages} bulk sends, 64 in flight, and ${replyMessages} replies at 8 a second; each process warmed first with ${warmMessages} sends from ${warmPhone.displayNumber}`,
);
row('most sent in any one-second window (incl. refused)', `${most}   (target <= ${phone.messagesPerSecond})`);
row(
  'the same on the other number (the warm-up sends)',
  `${mostWhileWarming}   (target <= ${warmPhone.messagesPerSecond})`,
);
row(
  'sustained rate (after the first two seconds)',
  `${steady.length < 2 ? 'not measured (under two sends after the first two seconds)' : `${sustained.toFixed(1)} msg/s`}   (target >= ${(phone.messagesPerSecond * 0.95).toFixed(0)})`,
);
row(
  'reply send latency p50 / p99 (behind the bulk)',
  `${replies.p50Ms.toFixed(0)} / ${replies.p99Ms.toFixed(0)} ms`,
);
row(
  'bulk send latency p50 / p99',
  `${bulk.p50Ms.toFixed(0)} / ${bulk.p99Ms.toFixed(0)} ms (waiting for slots)`,
);
row(
  'retries (of which throttled by EUM)',
  `${bulk.retries + replies.retries} (${bulk.throttled + replies.throttled})`,
);
row('errors surfaced to callers', String(bulk.failures + replies.failures));
// Accepted beyond what callers were told was sent would be a send twice: shown, not netted off.
row('lost (sent by callers - accepted by EUM)', String(Math.max(0, sent - accepted.length)));
row('accepted twice (accepted by EUM - sent by callers)', String(Math.max(0, accepted.length - sent)));
if (bulk.firstFailure ?? replies.firstFailure)
  console.log(`  first error: ${bulk.firstFailure ?? replies.firstFailure}`);
