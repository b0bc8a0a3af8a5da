import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { newCustomerWaId } from '../../../test/inbound-helpers.ts';
import { testClients, testConfig } from '../../../test/local-clients.ts';
import type { SimMessage } from './simulator-types.ts';

const config = testConfig();
const clients = testClients();
const sim = `${config.local.awsEndpoint}/sim/api`;

async function post(path: string, body: unknown) {
  const response = await fetch(`${sim}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown> & {
      wamid?: string;
      error?: { code: string; message: string };
    },
  };
}

async function chat(businessPhone: string, waId: string): Promise<SimMessage[]> {
  const response = await fetch(`${sim}/conversations/${encodeURIComponent(businessPhone)}/${waId}`);
  return ((await response.json()) as { messages: SimMessage[] }).messages;
}

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const inboundItem = (wamid: string) =>
  clients.documents
    .send(new GetCommand({ TableName: config.tables.whatsAppInbound, Key: { id: wamid } }))
    .then((found) => found.Item);
const outboundItem = (wamid: string) =>
  clients.documents
    .send(new GetCommand({ TableName: config.tables.whatsAppOutbound, Key: { id: wamid } }))
    .then((found) => found.Item);

describe('WhatsApp simulator API', () => {
  it('turns a customer message into a real inbound event that the platform stores', async () => {
    const waId = newCustomerWaId();
    const sent = await post('/messages', {
      businessPhone: '+91 99033 00044',
      from: waId,
      name: 'সুমিতা দাস',
      text: 'আমার অর্ডার কোথায়?',
    });
    expect(sent.status).toBe(202);
    const wamid = String(sent.json.wamid);
    const stored = await eventually(() => inboundItem(wamid), Boolean);
    expect(stored).toMatchObject({
      from: waId,
      profileName: 'সুমিতা দাস',
      phoneNumberId: '888782840987368',
      payload: { body: 'আমার অর্ডার কোথায়?' },
    });
    expect((await chat('888782840987368', waId))[0]).toMatchObject({
      direction: 'in',
      wamid,
      type: 'text',
      text: 'আমার অর্ডার কোথায়?',
    });
  });

  it('shows a business reply with ticks that follow the status events it emits back', async () => {
    const waId = newCustomerWaId();
    await post('/messages', { businessPhone: '919330994400', from: waId, name: 'Priya', text: 'Hi' });
    await eventually(
      () => chat('919330994400', waId),
      (messages) => messages.length === 1,
    );
    const reply = await eventually(
      () =>
        post('/business-messages', {
          businessPhone: '919330994400',
          to: waId,
          text: 'Hello Priya, how can we help?',
        }),
      (result) => result.status === 202,
    );
    const wamid = String(reply.json.wamid);
    const messages = await eventually(
      () => chat('919330994400', waId),
      (list) => list.some((message) => message.wamid === wamid && message.status === 'read'),
    );
    // The bot may answer "Hi" too; what matters here is the business reply's ticks.
    expect(messages[0]).toMatchObject({ direction: 'in', text: 'Hi' });
    expect(messages.find((message) => message.wamid === wamid)).toMatchObject({
      direction: 'out',
      status: 'read',
    });
    // The lifecycle and the time of each status are two writes: wait for the time of 'read' too.
    const record = await eventually(
      () => outboundItem(wamid),
      (item) =>
        item?.status === 'read' && Boolean((item.statusTimes as Record<string, unknown> | undefined)?.read),
    );
    expect(record).toMatchObject({ status: 'read', sentBy: { kind: 'agent', agentId: 'simulator' } });
    expect(Object.keys(record?.statusTimes ?? {}).sort()).toEqual(['delivered', 'read', 'sent']);
  });

  it('fails sends to an unreachable customer with 131026, recorded with its meaning', async () => {
    const waId = newCustomerWaId();
    await post('/messages', { businessPhone: '919330994400', from: waId, name: 'Arun', text: 'Hello' });
    await eventually(
      () => chat('919330994400', waId),
      (messages) => messages.length === 1,
    );
    await post('/switches', { businessPhone: '919330994400', waId, unreachable: true });
    const reply = await eventually(
      () => post('/business-messages', { businessPhone: '919330994400', to: waId, text: 'Are you there?' }),
      (result) => result.status === 202,
    );
    const wamid = String(reply.json.wamid);
    const bubble = (
      await eventually(
        () => chat('919330994400', waId),
        (list) => list.some((message) => message.status === 'failed'),
      )
    ).find((message) => message.wamid === wamid);
    expect(bubble).toMatchObject({ status: 'failed', failure: { code: 131026 } });
    expect(
      await eventually(
        () => outboundItem(wamid),
        (item) => item?.status === 'failed',
      ),
    ).toMatchObject({ errorCodes: [131026], errorMeanings: [expect.stringContaining('Undeliverable')] });
  });

  it('ages the window so that a free-form reply is refused with the remedy', async () => {
    const waId = newCustomerWaId();
    await post('/messages', { businessPhone: '919330994400', from: waId, name: 'Meera', text: 'Hello' });
    await eventually(
      () => chat('919330994400', waId),
      (messages) => messages.length === 1,
    );
    const [first] = await chat('919330994400', waId);
    // Handed over means the conversation (and its window) is written too.
    await eventually(
      () => inboundItem(String(first?.wamid)),
      (item) => Boolean(item?.handedOverAt),
    );
    await post('/switches', { businessPhone: '919330994400', waId, windowAged: true });
    const refused = await post('/business-messages', {
      businessPhone: '919330994400',
      to: waId,
      text: 'Still interested?',
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: 'window-closed',
      message: expect.stringContaining('Send an approved template instead'),
    });
  });

  it('answers a malformed request with 400 and the field at fault', async () => {
    const bad = await post('/messages', {
      businessPhone: '919330994400',
      from: 'not-a-number',
      name: 'X',
      text: 'hi',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toContain('from');
    const unknownNumber = await post('/messages', {
      businessPhone: '+1 555 0100',
      from: '919876543210',
      name: 'X',
      text: 'hi',
    });
    expect(unknownNumber.status).toBe(400);
  });
});
