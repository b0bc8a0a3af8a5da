import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, describe, expect, it } from 'vitest';
import { baseOptions } from '#core/aws/client-registry.ts';
import { type BusinessNumber, businessNumbers } from '#infra/local/whatsapp/eum-event-builder.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { EvalCase } from '../dataset/eval-case.ts';
import { gradeDeterministically } from '../graders/deterministic-graders.ts';
import { simulatorChannel, topicChannel } from './customer-channel.ts';
import { type EvalWorld, runCase } from './run-case.ts';

const config = testConfig();
const number = { phone: '919330994400', metaId: '831049713436137' };
const world: EvalWorld = {
  config,
  clients: testClients(),
  customers: simulatorChannel(`${config.local.awsEndpoint}/sim/api`, number),
  number,
};
const evalCase = (fields: Record<string, unknown>) =>
  EvalCase.parse({ id: 'a-case', category: 'facts', language: 'en', expect: {}, ...fields });

describe('a case run through the platform (simulator, inbound function, bot, tools, sender)', () => {
  it('observes the answer, its citation and that the bot kept the conversation', async () => {
    const observation = await runCase(world, evalCase({ turns: 'What are your office hours?' }));
    expect(observation.replies).toHaveLength(1);
    expect(observation.replies[0]?.text).toContain('10:00');
    expect(observation.citations).toEqual(['About WECARE.DIGITAL and our hours']);
    expect(observation).toMatchObject({ state: 'bot', handoffReason: null, invoices: [], toolCalls: [] });
  });

  it('observes a handoff with its reason, and the tool call that made it', async () => {
    const observation = await runCase(world, evalCase({ turns: 'I want to talk to a person' }));
    expect(observation).toMatchObject({ state: 'waiting_for_human', handoffReason: 'customer-asked' });
  });

  it('observes an invoice with the catalog total, and the tool called with its arguments', async () => {
    const testCase = evalCase({
      category: 'invoices',
      turns: 'I want to buy the Website Starter, please send me the invoice',
      expect: {
        tools: { called: [{ name: 'create_invoice_link', args: { serviceId: 'website-starter' } }] },
        invoice: { service: 'website-starter', totalPaise: 1_769_882 },
      },
    });
    const observation = await runCase(world, testCase);
    expect(observation.invoices).toEqual([
      { serviceId: 'website-starter', totalPaise: 1_769_882, status: 'quoted' },
    ]);
    expect(gradeDeterministically(testCase, observation).filter((verdict) => !verdict.pass)).toEqual([]);
  });

  it('starts a case with a quote open (asked for as a customer asks), and sees the yes issue it', async () => {
    const observation = await runCase(
      world,
      evalCase({ category: 'invoices', given: { pendingInvoice: { service: 'gst-filing' } }, turns: 'Yes' }),
    );
    expect(observation.invoices).toEqual([
      { serviceId: 'gst-filing', totalPaise: 176_882, status: 'issued' },
    ]);
    // The quote was the prior state: the case's replies are the answer to the yes alone.
    expect(observation.replies).toHaveLength(1);
    expect(observation.replies[0]?.text).toMatch(/\/l\/[A-Za-z0-9]+/);
    expect(observation.replies[0]?.buttons).toEqual([]);
  });

  it('observes a template from what was sent to the customer, with its parameters', async () => {
    const observation = await runCase(
      world,
      evalCase({ category: 'templates', turns: 'Please remind me of my appointment on 9 May at 10 am.' }),
    );
    expect(observation.templates).toEqual([
      { name: 'appointment_reminder', language: 'en_US', parameters: ['9 May', '10 am'] },
    ]);
  });

  it('runs a case whose conversation a person owns: the bot stays silent, and the prior reply is not counted', async () => {
    const observation = await runCase(
      world,
      evalCase({ given: { ownedBy: 'human' }, turns: 'Are you there?' }),
    );
    expect(observation.replies).toEqual([]);
    expect(observation.state).toBe('human');
  });
});

describe('a case run as in AWS: EUM events published to the seed topic, the chat read from the tables', () => {
  const [business] = businessNumbers(config) as [BusinessNumber];
  const sns = new SNSClient(baseOptions(config, 'stand-in'));
  afterAll(() => sns.destroy());
  const viaTopic: EvalWorld = { ...world, customers: topicChannel(config, world.clients, sns, business) };

  it('observes the answer and its citation as the platform recorded them', async () => {
    const observation = await runCase(viaTopic, evalCase({ turns: 'What are your office hours?' }));
    expect(observation.replies).toHaveLength(1);
    expect(observation.replies[0]?.text).toContain('10:00');
    expect(observation.citations).toEqual(['About WECARE.DIGITAL and our hours']);
  });

  it('sets a prior state and reads a quote with its buttons from the outbound record', async () => {
    const declined = await runCase(
      viaTopic,
      evalCase({ category: 'invoices', given: { pendingInvoice: { service: 'gst-filing' } }, turns: 'No' }),
    );
    expect(declined.invoices).toEqual([{ serviceId: 'gst-filing', totalPaise: 176_882, status: 'declined' }]);
    const quoted = await runCase(
      viaTopic,
      evalCase({
        category: 'invoices',
        turns: 'I want to buy the Website Starter, please send me the invoice',
      }),
    );
    expect(quoted.replies).toHaveLength(1);
    expect(quoted.replies[0]?.buttons).toHaveLength(2);
  });
});
