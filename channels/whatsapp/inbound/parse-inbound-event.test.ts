import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
  type MessagesValue,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { businessDirectory } from '../business-directory.ts';
import { customer, messages, profiles, statuses, wamids } from './fixtures/meta-examples.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import type { InboundRecord } from './inbound-types.ts';
import { parseInboundEvent } from './parse-inbound-event.ts';

const config = loadConfig({});
const directory = businessDirectory(config);
const [wecare, manish] = businessNumbers(config) as [BusinessNumber, BusinessNumber];

function recordOf(content: MessagesValue, number = wecare): InboundRecord {
  const [outcome] = parseInboundEvent(inboundLambdaEvent(config, number, content), directory);
  if (!outcome?.ok) throw new Error(`refused: ${outcome?.error.message}`);
  return outcome.record;
}
const messageOf = (message: unknown, contacts: unknown[] = [profiles.customer]) => {
  const [parsed] = recordOf({ contacts, messages: [message] }).messages;
  if (!parsed) throw new Error('no message');
  return parsed;
};
const statusOf = (status: unknown) => {
  const [parsed] = recordOf({ statuses: [status] }).statuses;
  if (!parsed) throw new Error('no status');
  return parsed;
};

describe('parseInboundEvent: messages', () => {
  it('gives a text message its sender, profile name, business number and both timestamps', () => {
    const record = recordOf({ contacts: [profiles.customer], messages: [messages.text] });
    expect(record).toMatchObject({
      awsAccountId: '809904170947',
      metaWabaId: '1347766229904230',
      phoneNumberId: '831049713436137',
      displayPhoneNumber: '919330994400',
    });
    expect(record.messages[0]).toEqual({
      wamid: wamids.text,
      from: customer.waId,
      profileName: 'Priya Sharma',
      type: 'text',
      timestamp: '2026-01-01T00:00:00.000Z',
      timestampUnix: '1767225600',
      phoneNumberId: '831049713436137',
      wabaId: '1347766229904230',
      payload: { body: 'Hi, what are your opening hours on Saturday?' },
      context: null,
      referral: null,
    });
  });

  it('keeps reply context, forwarding flags, referred products and Click-to-WhatsApp referrals', () => {
    expect(messageOf(messages.replyContext).context).toEqual({ from: customer.waId, id: wamids.outbound });
    expect(messageOf(messages.forwarded).context).toEqual({ forwarded: true });
    expect(messageOf(messages.frequentlyForwarded).context).toEqual({ frequentlyForwarded: true });
    expect(messageOf(messages.productInquiry).context?.referredProduct).toEqual({
      catalogId: '2397481627094561',
      productRetailerId: 'plan-annual',
    });
    expect(messageOf(messages.referral).referral).toMatchObject({
      sourceType: 'ad',
      sourceId: '23848271548120297',
      headline: 'Care plans from ₹499',
      welcomeMessageText: 'Hi! How can we help?',
    });
  });

  it('describes media by id, MIME type and hash, with caption, filename, voice and animated flags', () => {
    expect(messageOf(messages.image).payload).toEqual({
      mediaId: '1003383421387256',
      mimeType: 'image/jpeg',
      sha256: 'Fh2mQ8hC7Z1n6y7xMaj3h3cmwP0fAvXJtqdVHfwnrwA=',
      caption: 'My prescription',
    });
    expect(messageOf(messages.voiceNote).payload).toMatchObject({
      mimeType: 'audio/ogg; codecs=opus',
      voice: true,
    });
    expect(messageOf(messages.document).payload).toMatchObject({
      filename: 'invoice-2026-001.pdf',
      caption: 'Please check this',
    });
    expect(messageOf(messages.sticker).payload).toMatchObject({ mimeType: 'image/webp', animated: true });
    expect(messageOf(messages.video).type).toBe('video');
  });

  it('makes a removed reaction explicit whether the emoji is omitted or empty', () => {
    expect(messageOf(messages.reaction).payload).toEqual({
      messageId: wamids.outbound,
      emoji: '👍',
      removed: false,
    });
    expect(messageOf(messages.reactionRemovedOmitted).payload).toEqual({
      messageId: wamids.outbound,
      emoji: null,
      removed: true,
    });
    expect(messageOf(messages.reactionRemovedEmpty).payload).toEqual({
      messageId: wamids.outbound,
      emoji: null,
      removed: true,
    });
  });

  it('reads interactive replies, template buttons, locations, contact cards and orders', () => {
    expect(messageOf(messages.buttonReply).payload).toEqual({
      type: 'button_reply',
      buttonReply: { id: 'plan-basic', title: 'Basic plan' },
    });
    expect(messageOf(messages.listReply).payload).toEqual({
      type: 'list_reply',
      listReply: { id: 'slot-10am', title: '10:00 AM', description: 'Saturday, 3 January' },
    });
    expect(messageOf(messages.templateButton).payload).toEqual({
      payload: 'CONFIRM_APPOINTMENT',
      text: 'Confirm',
    });
    expect(messageOf(messages.location).payload).toMatchObject({
      latitude: 22.5726,
      longitude: 88.3639,
      name: 'Park Street',
    });
    const card = messageOf(messages.contacts).payload as {
      contacts: Array<{ name: { formattedName: string }; phones: Array<{ waId: string | null }> }>;
    };
    expect(card.contacts[0]?.name.formattedName).toBe('Anita Rao');
    expect(card.contacts[0]?.phones[0]?.waId).toBe('919830012345');
    expect(messageOf(messages.order).payload).toEqual({
      catalogId: '2397481627094561',
      text: 'Please deliver before Friday',
      productItems: [
        { productRetailerId: 'plan-annual', quantity: 1, itemPrice: 4999, currency: 'INR' },
        { productRetailerId: 'addon-checkup', quantity: 2, itemPrice: 499.5, currency: 'INR' },
      ],
    });
  });

  it('reads a changed number and unsupported messages with their 131051 error', () => {
    const system = messageOf(messages.userChangedNumber, []);
    expect(system.profileName).toBeNull();
    expect(system.payload).toMatchObject({ type: 'user_changed_number', newWaId: '919876500000' });
    expect(messageOf(messages.unsupported).payload).toMatchObject({
      errors: [{ code: 131051, title: 'Message type unknown' }],
      unsupportedType: 'edit',
    });
    expect(messageOf(messages.unknownOlder).payload).toMatchObject({
      errors: [{ code: 131051, details: 'Message type is not currently supported' }],
    });
  });

  it('joins each message to its own sender profile, in Hindi and Bengali too', () => {
    const record = recordOf(
      { contacts: [profiles.hindi, profiles.bengali], messages: [messages.hindiText, messages.bengaliText] },
      manish,
    );
    expect(
      record.messages.map((message) => [message.from, message.profileName, message.phoneNumberId]),
    ).toEqual([
      ['919812345678', 'राहुल वर्मा', '888782840987368'],
      ['918017654321', 'সুমিতা দাস', '888782840987368'],
    ]);
  });
});

describe('parseInboundEvent: statuses', () => {
  it('reads sent, delivered and read with CBP and PMP pricing and the conversation', () => {
    expect(statusOf(statuses.sentCbp)).toMatchObject({
      wamid: wamids.outbound,
      status: 'sent',
      recipientId: customer.waId,
      timestampUnix: '1767225660',
      errorCodes: [],
      pricing: { billable: true, pricingModel: 'CBP', category: 'service', type: null },
      conversation: {
        id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        expirationTimestamp: '1767312060',
        origin: { type: 'service' },
      },
    });
    expect(statusOf(statuses.deliveredPmp).pricing).toEqual({
      billable: false,
      pricingModel: 'PMP',
      category: 'service',
      type: 'free_customer_service',
    });
    expect(statusOf(statuses.read)).toMatchObject({ status: 'read', pricing: null, conversation: null });
  });

  it('reads failure codes in the current and the older error shape', () => {
    expect(statusOf(statuses.failedCurrent)).toMatchObject({
      errorCodes: [131047],
      errorTitles: ['Re-engagement message'],
    });
    expect(statusOf(statuses.failedCurrent).errors[0]?.details).toContain('more than 24 hours');
    expect(statusOf(statuses.failedOlder)).toMatchObject({
      errorCodes: [131026],
      errorTitles: ['Message undeliverable'],
    });
  });

  it("reads AWS's accepted, deleted and warning values and the business's opaque callback data", () => {
    expect(statusOf(statuses.accepted).status).toBe('accepted');
    expect(statusOf(statuses.deleted).status).toBe('deleted');
    expect(statusOf(statuses.warning)).toMatchObject({ status: 'warning', errorCodes: [131053] });
    expect(statusOf(statuses.opaque).bizOpaqueCallbackData).toBe('campaign=diwali-2026;contact=c-42');
  });
});

describe('parseInboundEvent: records', () => {
  it('accepts an envelope without messageId', () => {
    const [outcome] = parseInboundEvent(
      inboundLambdaEvent(config, wecare, { messages: [messages.text] }, { envelopeMessageId: null }),
      directory,
    );
    expect(outcome?.ok && outcome.record.envelopeMessageId).toBeNull();
  });

  it('lets a good record through when its neighbour is bad, keeping the bad one as received', () => {
    const good = inboundLambdaEvent(config, wecare, {
      contacts: [profiles.customer],
      messages: [messages.text],
    });
    const bad = inboundLambdaEvent(config, manish, {
      messages: [{ ...messages.text, timestamp: 'yesterday' }],
    });
    const outcomes = parseInboundEvent({ Records: [...bad.Records, ...good.Records] }, directory);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true]);
    const [refused] = outcomes;
    expect(refused?.ok === false && refused.error).toMatchObject({
      code: 'invalid-format',
      stage: 'message',
    });
    expect(refused?.original).toEqual(bad.Records[0]);
  });

  it('refuses a 6 MB event and a 10,000-deep one at the event stage', () => {
    const huge = Buffer.from(`{"Records":["${'x'.repeat(6 * 1024 * 1024)}"]}`);
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(() => parseInboundEvent(huge, directory)).toThrow(
      expect.objectContaining({ code: 'too-large', stage: 'event' }),
    );
    expect(() => parseInboundEvent(deep, directory)).toThrow(
      expect.objectContaining({ code: 'too-deep', stage: 'event' }),
    );
  });

  it('refuses bytes that are not UTF-8, and an SNS message over 256 KB before parsing it', () => {
    expect(() => parseInboundEvent(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), directory)).toThrow(
      expect.objectContaining({ code: 'invalid-unicode' }),
    );
    const event = inboundLambdaEvent(config, wecare, { messages: [messages.text] });
    const sns = (event.Records[0] as { Sns: { Message: string } }).Sns;
    sns.Message = `${sns.Message.slice(0, -1)},"padding":"${'p'.repeat(300 * 1024)}"}`;
    const [outcome] = parseInboundEvent(event, directory);
    expect(outcome?.ok === false && outcome.error.toJSON()).toMatchObject({
      code: 'too-large',
      stage: 'sns',
    });
  });

  it('throws only typed errors with one-line messages', () => {
    try {
      parseInboundEvent('{"Records": 5}', directory);
      expect.unreachable('should refuse');
    } catch (error) {
      expect(error).toBeInstanceOf(InboundParseError);
      expect((error as InboundParseError).toJSON()).toMatchObject({ code: 'not-sns-event', stage: 'event' });
      expect((error as InboundParseError).message).not.toContain('\n');
    }
  });
});
