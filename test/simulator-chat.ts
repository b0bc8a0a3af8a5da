import { expect } from 'vitest';
import type { SimMessage } from '#infra/local/simulator/simulator-types.ts';
import { testConfig } from './local-clients.ts';

/** A customer in the WhatsApp simulator, writing to the business number the bot answers on. */
export const sim = `${testConfig().local.awsEndpoint}/sim/api`;
export const phone = '919330994400';

export async function say(waId: string, text: string, name = 'Priya') {
  const response = await fetch(`${sim}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ businessPhone: phone, from: waId, name, text }),
  });
  expect(response.status).toBe(202);
}

export async function chat(waId: string): Promise<SimMessage[]> {
  return ((await (await fetch(`${sim}/conversations/${phone}/${waId}`)).json()) as { messages: SimMessage[] })
    .messages;
}

export async function botReplies(waId: string, count: number, timeoutMs = 8000): Promise<SimMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const replies = (await chat(waId)).filter((message) => message.direction === 'out');
    if (replies.length >= count || Date.now() > deadline) return replies;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Anything a customer can do in the chat (a file, a location, a tap): the simulator's customer actions. */
export async function act(waId: string, action: Record<string, unknown>, name = 'Priya') {
  const response = await fetch(`${sim}/customer-actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ businessPhone: phone, from: waId, name, action }),
  });
  expect(response.status).toBe(202);
}

/** The customer taps a reply button of a message the business sent. */
export async function tap(waId: string, message: SimMessage, buttonIndex: number, name = 'Priya') {
  const button = message.buttons?.[buttonIndex];
  if (!button) throw new Error(`The message has no button ${buttonIndex}`);
  await act(
    waId,
    { type: 'button_reply', messageId: message.wamid, id: button.id, title: button.title },
    name,
  );
}
