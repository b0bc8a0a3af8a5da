import type { SNSEvent } from 'aws-lambda';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { loadConfig } from '#core/config/load-config.ts';
import type { LocalFunctions } from '#infra/local/functions/local-functions.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newWamid, unixSeconds } from '../test/inbound-helpers.ts';

/**
 * Customers who keep typing: each publishes a text to the SNS topic's subscriber (the inbound
 * function, as SNS delivers it) every 1-3 s until `seconds` pass, cycling through `questions`.
 * `sent` hears each message's wamid, its customer and when it went.
 */
export async function customersTyping(options: {
  config: Config;
  functions: LocalFunctions;
  number: BusinessNumber;
  audience: readonly string[];
  seconds: number;
  questions: readonly string[];
  sent: (message: { wamid: string; waId: string; atMs: number }) => void;
}): Promise<void> {
  const { config, functions, number, questions } = options;
  const until = Date.now() + options.seconds * 1000;
  await Promise.all(
    options.audience.map(async (waId, customer) => {
      for (let turn = 0; Date.now() < until; turn += 1) {
        const wamid = newWamid();
        options.sent({ wamid, waId, atMs: Date.now() });
        functions.publishToTopic(
          inboundLambdaEvent(config, number, {
            contacts: [{ profile: { name: `Customer ${customer}` }, wa_id: waId }],
            messages: [
              {
                from: waId,
                id: wamid,
                timestamp: unixSeconds(new Date()),
                type: 'text',
                text: { body: questions[(turn + customer) % questions.length] },
              },
            ],
          }) as unknown as SNSEvent,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 2000));
      }
    }),
  );
}

/** A local world of the benchmark's own with its functions deployed, its clients and first business number. */
export async function worldWithFunctions() {
  const world = await startLocalWorld({
    config: loadConfig({ ...process.env, WECARE_ENV: 'local', POWERTOOLS_METRICS_DISABLED: 'true' }),
    persistent: false,
    ephemeralPorts: true,
  });
  const functions = world.functions;
  if (!functions) throw new Error('the local world has no functions');
  const [number] = businessNumbers(world.config) as [BusinessNumber];
  return { world, config: world.config, clients: createAwsClients(world.config), functions, number };
}
