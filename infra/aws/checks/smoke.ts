/**
 * `npm run smoke -- --to <test WhatsApp number> [--api <https://…>]`: after a deploy, proves the
 * platform is live in the account, with the engineer's credentials, each check through the real
 * thing it depends on:
 *
 * 1. every function runs our Node.js 22 ARM64 code;
 * 2. the public short-link route answers through the API (the link table is readable);
 * 3. the Knowledge Base answers through `wecare-ai-query-kb` (Bedrock Retrieve is allowed);
 * 4. `hello_world` reaches the test number through `wecare-outbound-whatsapp` (EUM Social);
 * 5. the reconciliation sweep runs;
 * 6. the seed's alarms exist, and both WABAs send their events to the topic.
 *
 * Read-only but for the one template to the test number. Exits 1 if anything fails.
 */
import { parseArgs } from 'node:util';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetLinkedWhatsAppBusinessAccountCommand,
  SocialMessagingClient,
} from '@aws-sdk/client-socialmessaging';
import { loadConfig } from '#core/config/load-config.ts';
import { functionCatalog } from '../function-catalog.ts';
import { alarmNames } from '../observability-stack.ts';

const { values } = parseArgs({ options: { to: { type: 'string' }, api: { type: 'string' } } });
if (!values.to || !/^\d{8,15}$/.test(values.to)) {
  console.error(
    'Usage: npm run smoke -- --to <test WhatsApp number, digits with country code> [--api https://…]',
  );
  process.exit(2);
}
const config = loadConfig({ ...process.env, WECARE_ENV: 'aws' });
const api = values.api ?? new URL(config.cognito.callbackUrls[0] ?? 'https://base.wecare.digital').origin;
const region = { region: config.aws.region };
const lambda = new LambdaClient(region);
const results: Array<{ check: string; ok: boolean; detail: string }> = [];

async function check(name: string, run: () => Promise<string>): Promise<void> {
  try {
    results.push({ check: name, ok: true, detail: await run() });
  } catch (error) {
    results.push({ check: name, ok: false, detail: error instanceof Error ? error.message : String(error) });
  }
}

async function invoke(name: string, event: unknown): Promise<Record<string, unknown>> {
  const response = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  const body = JSON.parse(new TextDecoder().decode(response.Payload ?? new Uint8Array())) as Record<
    string,
    unknown
  >;
  if (response.FunctionError) throw new Error(`${name} failed: ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

for (const spec of functionCatalog(config))
  await check(`${spec.name} runs our code`, async () => {
    const found = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: spec.name }));
    if (found.Runtime !== 'nodejs22.x' || !found.Architectures?.includes('arm64'))
      throw new Error(`runtime ${found.Runtime} on ${found.Architectures?.join(',')}`);
    return `${found.Runtime}, ${found.Architectures.join(',')}, last modified ${found.LastModified}`;
  });

await check('the short-link route is public', async () => {
  const response = await fetch(`${api}/l/SMOKE000`);
  if (response.status !== 404 || !response.headers.get('content-type')?.includes('text/html'))
    throw new Error(`GET /l/SMOKE000 answered ${response.status} ${response.headers.get('content-type')}`);
  return `${api}/l/… answers its not-found page`;
});

await check('the Knowledge Base answers', async () => {
  const result = await invoke('wecare-ai-query-kb', { query: 'What are your office hours?', limit: 3 });
  if (result.ok !== true) throw new Error(JSON.stringify(result).slice(0, 300));
  return `${JSON.stringify(result).length} bytes of passages`;
});

await check('a template reaches the test number', async () => {
  const [phone] = config.whatsapp.phoneNumbers;
  const result = await invoke('wecare-outbound-whatsapp', {
    idempotencyKey: `smoke-${Date.now()}`,
    from: phone?.id,
    to: values.to,
    content: { type: 'template', name: 'hello_world', language: 'en_US' },
    sentBy: { kind: 'system', reason: 'smoke test after deploy' },
  });
  if (result.ok !== true) throw new Error(JSON.stringify(result).slice(0, 300));
  return `sent, ${String(result.wamid ?? '')}`;
});

await check('the reconciliation sweep runs', async () => {
  await invoke('wecare-agent-reconcile', {});
  return 'swept';
});

await check("the seed's alarms exist", async () => {
  const names = Object.values(alarmNames);
  const found = await new CloudWatchClient(region).send(new DescribeAlarmsCommand({ AlarmNames: names }));
  const present = new Set(
    [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])].map((alarm) => alarm.AlarmName),
  );
  const missing = names.filter((name) => !present.has(name));
  if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}`);
  return names.join(', ');
});

const socialMessaging = new SocialMessagingClient(region);
for (const account of config.whatsapp.businessAccounts)
  await check(`${account.name} sends its events to the topic`, async () => {
    const linked = await socialMessaging.send(
      new GetLinkedWhatsAppBusinessAccountCommand({ id: account.id }),
    );
    const destinations =
      linked.account?.eventDestinations?.map((destination) => destination.eventDestinationArn) ?? [];
    if (!destinations.includes(config.sns.topicArn))
      throw new Error(`event destinations: ${destinations.join(', ')}`);
    return config.sns.topicArn;
  });

for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.check}: ${result.detail}`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
