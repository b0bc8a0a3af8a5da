import { messages, profiles } from '#channels/whatsapp/inbound/fixtures/meta-examples.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { parseUntrustedJson } from '#core/safe-json/parse-untrusted-json.ts';
import { businessNumbers, inboundLambdaEvent } from '#infra/local/whatsapp/eum-event-builder.ts';

const config = loadConfig({});
const [w] = businessNumbers(config);
const texts = Array.from({ length: 2000 }, () =>
  JSON.stringify(
    inboundLambdaEvent(config, w!, { contacts: [profiles.customer], messages: [messages.text] }),
  ),
);
for (let r = 0; r < 3; r++) {
  let s = performance.now();
  for (const t of texts) parseUntrustedJson(t, { maxBytes: 1e6, maxDepth: 16 });
  const a = ((performance.now() - s) / texts.length) * 1000;
  s = performance.now();
  for (const t of texts) JSON.parse(t);
  const b = ((performance.now() - s) / texts.length) * 1000;
  console.log('scan+parse', a.toFixed(2), 'parse', b.toFixed(2));
}
