import { InvalidParameterException, NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, describe, expect, it } from 'vitest';
import { baseOptions } from '#core/aws/client-registry.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../../../../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../../../../test/local-clients.ts';
import {
  type BusinessNumber,
  businessNumbers,
  eumEnvelope,
  messagesValue,
  webhookEntry,
} from '../../../whatsapp/eum-event-builder.ts';
import { snsMessageLimitBytes } from './sns-api.ts';

const config = testConfig();
const clients = testClients();
const sns = new SNSClient(baseOptions(config, 'stand-in'));
afterAll(() => sns.destroy());
const [number] = businessNumbers(config) as [BusinessNumber];

/** An EUM Social event of one customer text, as EUM publishes it to the topic. */
function eumEvent(waId: string, wamid: string, text: string): string {
  const entry = webhookEntry(number.metaWabaId, [
    {
      field: 'messages',
      value: messagesValue(number, {
        contacts: [{ profile: { name: 'SNS Customer' }, wa_id: waId }],
        messages: [
          { from: waId, id: wamid, timestamp: unixSeconds(new Date()), type: 'text', text: { body: text } },
        ],
      }),
    },
  ]);
  return JSON.stringify(
    eumEnvelope(entry, { accountId: config.aws.accountId, region: config.aws.region, number }),
  );
}

describe('SNS stand-in (Publish on the seed topic, through the SDK)', () => {
  it("delivers an EUM event to the topic's subscriber: the inbound function stores the customer's message", async () => {
    const waId = newCustomerWaId();
    const wamid = newWamid();
    const published = await sns.send(
      new PublishCommand({ TopicArn: config.sns.topicArn, Message: eumEvent(waId, wamid, 'Hello from SNS') }),
    );
    expect(published.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const conversations = new ConversationStore(clients.documents, config.tables.conversations);
    await expect
      .poll(
        async () =>
          (await conversations.get(conversationIdOf(number.metaPhoneNumberId, waId)))?.lastInboundWamid,
        {
          timeout: 10_000,
        },
      )
      .toBe(wamid);
  });

  it('refuses as SNS does: another topic, an empty message, one over 256 KiB', async () => {
    await expect(
      sns.send(new PublishCommand({ TopicArn: `${config.sns.topicArn}-other`, Message: 'x' })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      sns.send(new PublishCommand({ TopicArn: config.sns.topicArn, Message: '' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    const tooLong = sns.send(
      new PublishCommand({ TopicArn: config.sns.topicArn, Message: 'x'.repeat(snsMessageLimitBytes + 1) }),
    );
    await expect(tooLong).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(tooLong).rejects.toThrow('Message too long');
  });
});
