import { describe, expect, it } from 'vitest';
import { emailSender } from '#channels/email/email-dependencies.ts';
import { smsSender } from '#channels/sms/sms-dependencies.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { ContactDirectory } from '#core/stores/contact-store.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { ContactFields } from './contact.ts';
import { OptedOutError } from './opt-outs.ts';

const config = testConfig();
const clients = testClients();
const contacts = new ContactDirectory(clients.documents, config.tables.contacts);
const mobile = () => `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
const system = { kind: 'system', reason: 'test' } as const;

async function contactOptedOutOf(optOut: Record<string, boolean>) {
  const email = `${unique('optout')}@example.com`;
  const contact = await contacts.create(
    ContactFields.parse({ name: 'Opt Out', phone: mobile(), email, optOut }),
  );
  return { phone: contact.phone, email };
}

describe('opt-outs, respected by every sender', () => {
  const [main] = config.whatsapp.phoneNumbers;
  const template = (to: string) => ({
    idempotencyKey: unique('optout-template'),
    from: main?.id ?? '',
    to,
    content: { type: 'template', name: 'hello_world', language: 'en_US', body: [] },
    sentBy: system,
  });

  it('no WhatsApp template to someone who opted out of WhatsApp; others still get theirs', async () => {
    const sender = whatsAppSender(config, clients);
    const out = await contactOptedOutOf({ whatsapp: true });
    await expect(sender.send(template(out.phone))).rejects.toBeInstanceOf(OptedOutError);
    const smsOnly = await contactOptedOutOf({ sms: true });
    await expect(sender.send(template(smsOnly.phone))).resolves.toMatchObject({ wamid: expect.any(String) });
  });

  it('no SMS to someone who opted out of SMS', async () => {
    const sender = smsSender(config, clients);
    const out = await contactOptedOutOf({ sms: true });
    const sms = (to: string) => ({
      idempotencyKey: unique('optout-sms'),
      to: `+${to}`,
      body: 'Your appointment is at 11:00.',
      sentBy: system,
    });
    await expect(sender.send(sms(out.phone))).rejects.toBeInstanceOf(OptedOutError);
    const whatsappOnly = await contactOptedOutOf({ whatsapp: true });
    await expect(sender.send(sms(whatsappOnly.phone))).resolves.toMatchObject({
      messageId: expect.any(String),
    });
  });

  it('no email to an address whose contact opted out of email (in any letter case)', async () => {
    const sender = emailSender(config, clients);
    const out = await contactOptedOutOf({ email: true });
    const email = (to: string[]) => ({
      idempotencyKey: unique('optout-email'),
      to,
      subject: 'Your invoice',
      text: 'Attached.',
      sentBy: system,
    });
    await expect(sender.send(email([out.email.toUpperCase(), 'someone@example.com']))).rejects.toBeInstanceOf(
      OptedOutError,
    );
    const fine = await contactOptedOutOf({ sms: true });
    await expect(sender.send(email([fine.email]))).resolves.toMatchObject({ messageId: expect.any(String) });
  });
});
