/**
 * One sender process of the outbound benchmark: sends `BENCH_MESSAGES` texts from one business
 * number through the real WhatsApp sender, against the world its environment names (as a Lambda
 * instance would, with its own clients and its own share of the limits), `BENCH_IN_FLIGHT` at a
 * time, or at most `BENCH_PER_SECOND` a second (a trickle of replies). Prints one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';

const setting = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const messages = Number(setting('BENCH_MESSAGES'));
const inFlight = Number(setting('BENCH_IN_FLIGHT'));
const perSecond = Number(process.env.BENCH_PER_SECOND ?? 0);
const from = setting('BENCH_FROM');
const audience = setting('BENCH_AUDIENCE').split(',');
const kind = setting('BENCH_SENT_BY') as 'bot' | 'system';

const config = loadConfig(process.env);
const clients = createAwsClients(config);
let retries = 0;
let throttled = 0;
const sender = whatsAppSender(config, clients, {
  onRetry: (error) => {
    retries += 1;
    if (error.code === 'throttled') throttled += 1;
  },
});
const run = randomBytes(4).toString('hex');
const latencies: number[] = [];
const failures: string[] = [];
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < messages) {
      const index = next;
      next += 1;
      if (perSecond > 0) {
        const due = started + (index * 1000) / perSecond;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      }
      const began = performance.now();
      try {
        await sender.send({
          idempotencyKey: `bench:${run}:${index}`,
          from,
          to: audience[index % audience.length],
          content: { type: 'text', body: `Update ${index}: your parcel is on its way.` },
          sentBy: kind === 'bot' ? { kind: 'bot' } : { kind: 'system', reason: 'benchmark' },
        });
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      latencies.push(performance.now() - began);
    }
  }),
);
latencies.sort((left, right) => left - right);
const percentile = (fraction: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * fraction))] ?? 0;
console.log(
  JSON.stringify({
    kind,
    sent: messages - failures.length,
    failures: failures.length,
    firstFailure: failures[0],
    retries,
    throttled,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
  }),
);
process.exit(0);
