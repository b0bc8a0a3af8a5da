/**
 * One sender process of the outbound benchmark: sends `BENCH_MESSAGES` texts from one business
 * number through the real WhatsApp sender, against the world its environment names (as a Lambda
 * instance would, with its own clients and its own share of the limits), `BENCH_IN_FLIGHT` at a
 * time, or at most `BENCH_PER_SECOND` a second (a trickle of replies). First it warms up with
 * `BENCH_WARM_MESSAGES` sends from `BENCH_WARM_FROM`, prints `ready` and waits for a line on stdin
 * to start. Prints one JSON line of figures at the end.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
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
const warmFrom = setting('BENCH_WARM_FROM');
const warmMessages = Number(setting('BENCH_WARM_MESSAGES'));
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

/** Sends `count` texts from `number`, `inFlight` at a time (or `perSecond` a second), timing each. */
async function sendMany(
  number: string,
  count: number,
  pacing: { inFlight: number; perSecond: number },
  latencies: number[],
  failures: string[],
): Promise<void> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: pacing.inFlight }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        if (pacing.perSecond > 0) {
          const due = started + (index * 1000) / pacing.perSecond;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        }
        const began = performance.now();
        try {
          await sender.send({
            idempotencyKey: `bench:${run}:${number}:${index}`,
            from: number,
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
}

// Warm, as a Lambda instance is after its first invocations: modules loaded, code compiled, clients
// connected; on the other number, so that the measured one sees only the measured sends.
await sendMany(warmFrom, warmMessages, { inFlight: Math.min(inFlight, 16), perSecond: 0 }, [], []);
console.log('ready');
await once(createInterface({ input: process.stdin }), 'line');

const latencies: number[] = [];
const failures: string[] = [];
await sendMany(from, messages, { inFlight, perSecond }, latencies, failures);
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
