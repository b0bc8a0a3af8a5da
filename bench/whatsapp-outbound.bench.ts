/**
 * WhatsApp sends from one business number by two sender processes at once (as two Lambda
 * instances would be): one floods it with bulk sends (notifications the business starts), the
 * other answers customers at a trickle. Every send goes through the real sender (validation,
 * window check, the limits shared through RateLimitsTable, retries, idempotency, records) to the
 * EUM Social stand-in, which refuses the 81st message of a number in any one-second window.
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

const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
  persistent: false,
  ephemeralPorts: true,
  simulator: false,
});
const phone = world.config.whatsapp.phoneNumbers[0];
if (!phone) throw new Error('no business number');
const clients = createAwsClients(world.config);
const conversations = new ConversationStore(clients.documents, world.config.tables.conversations);
const now = new Date();
const audience = Array.from({ length: customers }, (_, index) => `91980000${String(index).padStart(4, '0')}`);
for (const waId of audience) {
  await conversations.recordInbound({
    businessPhoneNumberId: phone.metaPhoneNumberId,
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

/** A sender process of its own against this world (its endpoints in the environment, as a function's). */
function senderProcess(settings: Record<string, string>): Promise<SenderFigures> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./processes/whatsapp-sender-process.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        ...world.environment,
        BENCH_FROM: phone?.id ?? '',
        BENCH_AUDIENCE: audience.join(','),
        ...settings,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`sender exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as SenderFigures);
    }),
  );
}

const started = Date.now();
const [bulk, replies] = await Promise.all([
  senderProcess({ BENCH_MESSAGES: String(bulkMessages), BENCH_IN_FLIGHT: '64', BENCH_SENT_BY: 'system' }),
  senderProcess({
    BENCH_MESSAGES: String(replyMessages),
    BENCH_IN_FLIGHT: '16',
    BENCH_PER_SECOND: '8',
    BENCH_SENT_BY: 'bot',
  }),
]);
const accepted = world.standIn.whatsapp
  .sentMessages()
  .filter((sent) => sent.phoneNumberId === phone.id)
  .map((sent) => Date.parse(sent.sentAt))
  .filter((at) => at >= started)
  .sort((left, right) => left - right);
// Every message that reached EUM, accepted or refused for the number's throughput: what Meta counts.
const reached = [
  ...accepted,
  ...world.standIn.whatsapp
    .refusedSends()
    .filter((refused) => refused.phoneNumberId === phone.id && refused.atMs >= started)
    .map((refused) => refused.atMs),
].sort((left, right) => left - right);
await world.stop();

// The largest number in any one-second window [t, t + 1 s): two pointers over the times.
let most = 0;
for (let first = 0, last = 0; first < reached.length; first += 1) {
  while (last < reached.length && (reached[last] as number) < (reached[first] as number) + 1000) last += 1;
  most = Math.max(most, last - first);
}
// Sustained: the rate between the end of the second second and the last send (the bulk keeps the line full).
const from = (accepted[0] ?? 0) + 2000;
const steady = accepted.filter((at) => at >= from);
const sustained = (steady.length - 1) / (((steady.at(-1) ?? from) - (steady[0] ?? from)) / 1000);
const sent = bulk.sent + replies.sent;
const row = (label: string, value: string) => console.log(`  ${label.padEnd(52)}${value}`);
console.log(
  `\nWhatsApp outbound: two sender processes on ${phone.displayNumber} (limit ${phone.messagesPerSecond} msg/s): ${bulkMessages} bulk sends, 64 in flight, and ${replyMessages} replies at 8 a second`,
);
row('most sent in any one-second window (incl. refused)', `${most}   (target <= ${phone.messagesPerSecond})`);
row(
  'sustained rate (after the first two seconds)',
  `${sustained.toFixed(1)} msg/s   (target >= ${(phone.messagesPerSecond * 0.95).toFixed(0)})`,
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
row('lost (sent by callers - accepted by EUM)', String(sent - accepted.length));
if (bulk.firstFailure ?? replies.firstFailure)
  console.log(`  first error: ${bulk.firstFailure ?? replies.firstFailure}`);
