import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newCustomerWaId, newWamid } from '../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { conversationIdOf } from './conversation.ts';
import { ConversationHistory } from './conversation-history.ts';

const config = testConfig();
const clients = testClients();
const history = new ConversationHistory(clients.documents, {
  inbound: config.tables.whatsAppInbound,
  outbound: config.tables.whatsAppOutbound,
});

async function customerWrote(conversationId: string, body: string, metaSecond: number, receivedMs: number) {
  await clients.documents.send(
    new PutCommand({
      TableName: config.tables.whatsAppInbound,
      Item: {
        id: newWamid(),
        conversationId,
        type: 'text',
        payload: { body },
        atMs: metaSecond * 1000,
        receivedAt: new Date(receivedMs).toISOString(),
      },
    }),
  );
}

async function businessSent(conversationId: string, body: string, atMs: number) {
  await clients.documents.send(
    new PutCommand({
      TableName: config.tables.whatsAppOutbound,
      Item: { id: newWamid(), conversationId, content: { type: 'text', body }, atMs },
    }),
  );
}

describe('conversation history', () => {
  it("places a customer's reply after the business message it answers, within the same second", async () => {
    const conversationId = conversationIdOf('831049713436137', newCustomerWaId());
    const second = Math.floor(Date.now() / 1000);
    await customerWrote(
      conversationId,
      'Do you repair washing machines?',
      second - 5,
      (second - 5) * 1000 + 200,
    );
    await businessSent(conversationId, 'Shall I connect you with a person?', second * 1000 + 300);
    // Meta stamps the reply with the same whole second; we received it 200 ms after our send.
    await customerWrote(conversationId, 'Yes please', second, second * 1000 + 500);
    expect((await history.recent(conversationId)).map((turn) => [turn.role, turn.text])).toEqual([
      ['customer', 'Do you repair washing machines?'],
      ['business', 'Shall I connect you with a person?'],
      ['customer', 'Yes please'],
    ]);
  });
});
