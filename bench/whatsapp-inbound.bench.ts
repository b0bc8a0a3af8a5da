/**
 * Inbound WhatsApp events: parse + validate throughput and its cost relative to bare `JSON.parse`
 * of the same three layers (target: ratio ≤ 3), parse + validate + persist throughput against the
 * local world, and how fast the caps refuse a 6 MB and a 10,000-deep input.
 */
import { randomBytes } from 'node:crypto';
import { businessDirectory } from '#channels/whatsapp/business-directory.ts';
import { messages, profiles, statuses } from '#channels/whatsapp/inbound/fixtures/meta-examples.ts';
import { handleInboundEvent } from '#channels/whatsapp/inbound/handle-inbound-event.ts';
import { inboundDependencies } from '#channels/whatsapp/inbound/inbound-dependencies.ts';
import { parseInboundEvent } from '#channels/whatsapp/inbound/parse-inbound-event.ts';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';

const config = loadConfig({ ...process.env, WECARE_ENV: 'local', WECARE_LOG_LEVEL: 'SILENT' });
const directory = businessDirectory(config);
const [wecare, manish] = businessNumbers(config) as [BusinessNumber, BusinessNumber];
const wamid = () => `wamid.HBgM${randomBytes(18).toString('base64url')}`;
const now = () => String(Math.floor(Date.now() / 1000));

/** A realistic mix: mostly texts and delivery statuses, some media, interactive replies and the rest. */
function realisticEvent(index: number): string {
  const number = index % 3 === 0 ? manish : wecare;
  const pick = index % 20;
  const fresh = (message: Record<string, unknown>) => ({ ...message, id: wamid(), timestamp: now() });
  let content: Parameters<typeof inboundLambdaEvent>[2];
  if (pick < 11)
    content = {
      contacts: [profiles.customer],
      messages: [fresh(index % 2 ? messages.text : messages.hindiText)],
    };
  else if (pick < 16)
    content = {
      statuses: [
        {
          ...[statuses.sentCbp, statuses.deliveredPmp, statuses.read][pick % 3],
          id: wamid(),
          timestamp: now(),
        },
      ],
    };
  else if (pick < 18)
    content = {
      contacts: [profiles.customer],
      messages: [fresh(pick % 2 ? messages.image : messages.voiceNote)],
    };
  else if (pick < 19) content = { contacts: [profiles.customer], messages: [fresh(messages.buttonReply)] };
  else content = { contacts: [profiles.customer], messages: [fresh(messages.location)] };
  return JSON.stringify(inboundLambdaEvent(config, number, content));
}

function bareJsonParse(text: string): unknown {
  const event = JSON.parse(text) as { Records: Array<{ Sns: { Message: string } }> };
  return event.Records.map((record) => {
    const envelope = JSON.parse(record.Sns.Message) as { whatsAppWebhookEntry: string };
    return JSON.parse(envelope.whatsAppWebhookEntry);
  });
}

function timeEach(texts: readonly string[], run: (text: string) => unknown): number {
  const started = performance.now();
  for (const text of texts) run(text);
  return performance.now() - started;
}

const count = 5000;
const texts = Array.from({ length: count }, (_, index) => realisticEvent(index));
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
// Warm both paths up so that the JIT has compiled them before anything is timed.
for (let round = 0; round < 3; round += 1) {
  timeEach(texts, bareJsonParse);
  timeEach(texts, (text) => parseInboundEvent(text, directory));
}
// Interleaved rounds, each giving its own ratio, so that a slow moment of the machine hits both sides.
const rounds = Array.from({ length: 11 }, () => {
  const bare = timeEach(texts, bareJsonParse);
  const full = timeEach(texts, (text) => parseInboundEvent(text, directory));
  return { bare, full, ratio: full / bare };
});
const median = (values: number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] ?? 0;
const bareMs = median(rounds.map((round) => round.bare));
const fullMs = median(rounds.map((round) => round.full));
const ratio = median(rounds.map((round) => round.ratio));

const huge = Buffer.from(`{"Records":["${'x'.repeat(6 * 1024 * 1024)}"]}`);
const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const refuse = (input: string | Buffer) => {
  const started = performance.now();
  try {
    parseInboundEvent(input, directory);
  } catch {
    // refused, as expected
  }
  return performance.now() - started;
};

const world = await startLocalWorld({ config, persistent: false, ephemeralPorts: true });
const clients = createAwsClients(world.config);
const dependencies = inboundDependencies(world.config, clients);
// Media copies are left out of the persist figure: they measure the stand-in's S3 writes, not our path.
const persistTexts = texts.filter((text) => !text.includes('"mime_type"')).slice(0, 600);
const persistStarted = performance.now();
for (const text of persistTexts) await handleInboundEvent(text, dependencies);
const persistMs = performance.now() - persistStarted;
await world.stop();

console.log(
  `\nWhatsApp inbound (${count} events, realistic mix, ${(bytes / count).toFixed(0)} bytes each on average)`,
);
console.log(
  `  bare JSON.parse of the three layers      ${((count / bareMs) * 1000).toFixed(0).padStart(8)} events/s`,
);
console.log(
  `  parse + validate (parseInboundEvent)     ${((count / fullMs) * 1000).toFixed(0).padStart(8)} events/s`,
);
console.log(
  `  ratio parse+validate / JSON.parse        ${ratio.toFixed(2).padStart(8)}   (target <= 3; median of 11 interleaved rounds)`,
);
console.log(
  `  parse + validate + persist (dynalite)    ${((persistTexts.length / persistMs) * 1000).toFixed(0).padStart(8)} events/s  (${persistTexts.length} events, sequential, Powertools idempotency on)`,
);
console.log(`  refuse a 6 MB event                      ${refuse(huge).toFixed(2).padStart(8)} ms`);
console.log(`  refuse a 10,000-deep event               ${refuse(deep).toFixed(2).padStart(8)} ms`);
