/**
 * Sustained WhatsApp send rate from one business number through the real sender (validation,
 * window check, shared limiters, retries, idempotency, records) against the EUM Social stand-in,
 * which enforces 80 messages a second per number. Target: ≥ 76 msg/s (95 % of the limit) with no
 * throttling reaching callers and no message lost. Prints rate, p50/p99 latency and retries.
 */
import { randomBytes } from 'node:crypto';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';

const messages = 1200;
const inFlight = 64;
const customers = 40;

const world = await startLocalWorld({
  config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
  persistent: false,
  ephemeralPorts: true,
  simulator: false,
});
const clients = createAwsClients(world.config);
const phone = world.config.whatsapp.phoneNumbers[0];
if (!phone) throw new Error('no business number');
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

let retries = 0;
let throttledRetries = 0;
const sender = whatsAppSender(world.config, clients, {
  onRetry: (error) => {
    retries += 1;
    if (error.code === 'throttled') throttledRetries += 1;
  },
});
const latencies: number[] = [];
const completedAt: number[] = [];
const failures: string[] = [];
const run = randomBytes(4).toString('hex');
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < messages) {
      const index = next;
      next += 1;
      const began = performance.now();
      try {
        await sender.send({
          idempotencyKey: `bench:${run}:${index}`,
          from: phone.id,
          to: audience[index % customers],
          content: { type: 'text', body: `Order update ${index}: your parcel is on its way.` },
          sentBy: { kind: 'system', reason: 'benchmark' },
        });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      const ended = performance.now();
      latencies.push(ended - began);
      completedAt.push(ended);
    }
  }),
);
const elapsedSeconds = (performance.now() - started) / 1000;
const accepted = world.standIn.whatsapp
  .sentMessages()
  .filter((sent) => sent.phoneNumberId === phone.id).length;
await world.stop();

completedAt.sort((left, right) => left - right);
latencies.sort((left, right) => left - right);
// The first second's worth goes out at once (the bucket starts full); measure well after it.
const settled = phone.messagesPerSecond * 2;
const steadyFrom = completedAt[settled] ?? started;
const steadyTo = completedAt.at(-1) ?? started;
const steadyRate = (completedAt.length - 1 - settled) / ((steadyTo - steadyFrom) / 1000);
const percentile = (fraction: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? 0;

console.log(
  `\nWhatsApp outbound: ${messages} texts from ${phone.displayNumber} to ${customers} customers, ${inFlight} in flight (limit ${phone.messagesPerSecond} msg/s)`,
);
console.log(
  `  sustained rate (after the first two seconds)     ${steadyRate.toFixed(1).padStart(8)} msg/s   (target >= ${(phone.messagesPerSecond * 0.95).toFixed(0)})`,
);
console.log(
  `  overall rate, burst included                     ${(messages / elapsedSeconds).toFixed(1).padStart(8)} msg/s`,
);
console.log(
  `  send latency p50 / p99                           ${percentile(0.5).toFixed(0).padStart(5)} / ${percentile(0.99).toFixed(0)} ms (mostly waiting for the limiter)`,
);
console.log(
  `  retries (of which throttling)                    ${String(retries).padStart(8)} (${throttledRetries})`,
);
console.log(`  errors surfaced to callers                       ${String(failures.length).padStart(8)}`);
console.log(
  `  lost (sent by callers − accepted by EUM)         ${String(messages - failures.length - accepted).padStart(8)}`,
);
if (failures.length > 0) console.log(`  first error: ${failures[0]}`);
