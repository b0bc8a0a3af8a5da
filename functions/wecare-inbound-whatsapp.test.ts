import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { clearFaults, injectFault } from '../test/stand-in-control.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import { handler } from './wecare-inbound-whatsapp.ts';

const config = testConfig();
const clients = testClients();
const [wecare] = businessNumbers(config) as [BusinessNumber];
const context = () => lambdaContext('wecare-inbound-whatsapp', 30_000);
afterEach(() => clearFaults());

describe('wecare-inbound-whatsapp Lambda', () => {
  it("is the whole way in: a customer's SNS event through the exported handler gets the bot's answer", async () => {
    const customer = newCustomerWaId();
    const event = inboundLambdaEvent(config, wecare, {
      messages: [
        {
          from: customer,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: 'What are your office hours?' },
        },
      ],
    });
    await handler(event, context());
    // The handler returned at once; the bot function, on the agent queue, answers when the job comes due.
    await expect.poll(async () => (await sentTo(customer)).length, { timeout: 10_000 }).toBe(1);
  });

  it('stores the message and reports the counts', async () => {
    const wamid = newWamid();
    const event = inboundLambdaEvent(config, wecare, {
      messages: [
        {
          from: newCustomerWaId(),
          id: wamid,
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: 'Lambda path' },
        },
      ],
    });
    expect(await handler(event, context())).toEqual({ records: 1, processed: 1, deadLettered: 0 });
    const stored = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: wamid } }),
    );
    expect(stored.Item).toMatchObject({ payload: { body: 'Lambda path' } });
  });

  it('fails the invocation when a record needs a retry, so that Lambda retries it', async () => {
    await injectFault({
      api: 'social-messaging',
      operation: 'GetWhatsAppMessageMedia',
      errorType: 'InternalServiceException',
      status: 500,
      count: 10,
      subject: '1003383421387256',
    });
    const event = inboundLambdaEvent(config, wecare, {
      messages: [
        {
          from: newCustomerWaId(),
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'image',
          image: { id: '1003383421387256', mime_type: 'image/jpeg', sha256: 'x=' },
        },
      ],
    });
    await expect(handler(event, context())).rejects.toThrow(/need a retry/);
  });
});
