import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  AccessDeniedByMetaException,
  DeleteWhatsAppMessageMediaCommand,
  GetLinkedWhatsAppBusinessAccountCommand,
  GetLinkedWhatsAppBusinessAccountPhoneNumberCommand,
  GetWhatsAppMessageMediaCommand,
  InternalServiceException,
  ListLinkedWhatsAppBusinessAccountsCommand,
  PostWhatsAppMessageMediaCommand,
  ResourceNotFoundException,
  SendWhatsAppMessageCommand,
  ThrottledRequestException,
  ValidationException,
} from '@aws-sdk/client-socialmessaging';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../../../test/local-clients.ts';
import { clearFaults, injectFault } from '../../../../../test/stand-in-control.ts';

const config = testConfig();
const clients = testClients();
const { socialMessaging } = clients;
const [wecare, manish] = config.whatsapp.phoneNumbers;
if (!wecare || !manish) throw new Error('the seed has two phone numbers');
const media = config.buckets.media;

afterEach(() => clearFaults());
afterAll(() => {
  socialMessaging.destroy();
  clients.s3.destroy();
});

const encode = (message: unknown) => new TextEncoder().encode(JSON.stringify(message));
const text = (to: string, body: string) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'text',
  text: { body },
});
const send = (message: unknown, from = wecare.id, metaApiVersion = config.whatsapp.metaApiVersion) =>
  socialMessaging.send(
    new SendWhatsAppMessageCommand({
      originationPhoneNumberId: from,
      message: encode(message),
      metaApiVersion,
    }),
  );

async function upload(key: string, body: Buffer | string, contentType: string) {
  await clients.s3.send(
    new PutObjectCommand({ Bucket: media.name, Key: key, Body: body, ContentType: contentType }),
  );
  return { bucketName: media.name, key };
}

describe('EUM Social stand-in: SendWhatsAppMessage', () => {
  it('accepts a text message from either business number and returns a wamid', async () => {
    const first = await send(text('919876543210', 'नमस्ते! How can we help?'));
    const second = await send(text('919876543210', 'Hello from the second number'), manish.id);
    expect(first.messageId).toMatch(/^wamid\.[A-Za-z0-9+/]+$/);
    expect(second.messageId).not.toBe(first.messageId);
  });

  it('answers an unknown phone number id with ResourceNotFoundException', async () => {
    await expect(
      send(text('919876543210', 'hi'), 'phone-number-id-00000000000000000000000000000000'),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.each([
    ['a Meta API version older than v20.0', text('919876543210', 'hi'), 'v19.0', /v20\.0 or later/],
    [
      'a message without a recipient',
      { messaging_product: 'whatsapp', type: 'text', text: { body: 'hi' } },
      'v20.0',
      /to/,
    ],
    [
      'a text message without a body',
      { messaging_product: 'whatsapp', to: '919876543210', type: 'text', text: {} },
      'v20.0',
      /text\.body/,
    ],
    [
      'an image with an id this number never uploaded',
      { messaging_product: 'whatsapp', to: '919876543210', type: 'image', image: { id: '123456789012345' } },
      'v20.0',
      /131053/,
    ],
  ])('refuses %s with ValidationException', async (_case, message, version, reason) => {
    const failure = send(message, wecare.id, version);
    await expect(failure).rejects.toBeInstanceOf(ValidationException);
    await expect(failure).rejects.toThrow(reason);
  });

  it('refuses a message over the 2 MB limit', async () => {
    const huge = text('919876543210', 'x'.repeat(config.whatsapp.maxMessageBytes));
    await expect(send(huge)).rejects.toThrow(/exceeds 2097152 bytes/);
  });

  it('throttles a number beyond its 80 messages per second with ThrottledRequestException', async () => {
    const startedAt = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, index) => send(text('919812345678', `burst ${index}`), manish.id)),
    );
    const seconds = (performance.now() - startedAt) / 1000;
    const accepted = results.filter((result) => result.status === 'fulfilled').length;
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    for (const reason of refused) expect(reason).toBeInstanceOf(ThrottledRequestException);
    // 80 in the first second, and 80 more for each second the burst was still in flight: the rest
    // are refused. (How many that is depends on how fast this machine sent them, not on the stand-in.)
    expect(accepted).toBeLessThanOrEqual(Math.ceil(manish.messagesPerSecond * (1 + seconds)));
    // The number's window holds the burst for a second: the next tests' sends on it wait it out.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  it('returns injected failures in the real service shapes', async () => {
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'AccessDeniedByMetaException',
      status: 403,
      message: 'Meta refused',
      subject: '919876543210',
    });
    await expect(send(text('919876543210', 'hi'))).rejects.toBeInstanceOf(AccessDeniedByMetaException);
    await injectFault({
      api: 'social-messaging',
      operation: 'SendWhatsAppMessage',
      errorType: 'InternalServiceException',
      status: 500,
      subject: '919876543210',
    });
    const failure = await send(text('919876543210', 'hi')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InternalServiceException);
    expect((failure as InternalServiceException).$metadata.httpStatusCode).toBe(500);
    // The fault was for one call only: the next send goes through.
    await expect(send(text('919876543210', 'hi'))).resolves.toHaveProperty('messageId');
  });
});

describe('EUM Social stand-in: media', () => {
  it('uploads from S3, sends by media id, downloads to the incoming prefix and deletes', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
    const source = await upload(`${media.outgoingPrefix}${unique('brochure')}.jpg`, jpeg, 'image/jpeg');
    const { mediaId } = await socialMessaging.send(
      new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: wecare.id, sourceS3File: source }),
    );
    expect(mediaId).toMatch(/^\d{15}$/);
    await expect(
      send({ messaging_product: 'whatsapp', to: '919876543210', type: 'image', image: { id: mediaId } }),
    ).resolves.toHaveProperty('messageId');

    const destination = { bucketName: media.name, key: `${media.incomingPrefix}${unique('copy')}.jpg` };
    const fetched = await socialMessaging.send(
      new GetWhatsAppMessageMediaCommand({
        mediaId,
        originationPhoneNumberId: wecare.id,
        destinationS3File: destination,
      }),
    );
    expect(fetched).toMatchObject({ mimeType: 'image/jpeg', fileSize: jpeg.length });
    const stored = await clients.s3.send(
      new GetObjectCommand({ Bucket: destination.bucketName, Key: destination.key }),
    );
    expect(Buffer.from(await (stored.Body?.transformToByteArray() ?? new Uint8Array()))).toEqual(jpeg);

    const deleted = await socialMessaging.send(
      new DeleteWhatsAppMessageMediaCommand({ mediaId, originationPhoneNumberId: wecare.id }),
    );
    expect(deleted.success).toBe(true);
    await expect(
      socialMessaging.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId,
          originationPhoneNumberId: wecare.id,
          metadataOnly: true,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('keeps media ids per phone number: the other number can neither fetch nor send it', async () => {
    const source = await upload(
      `${media.outgoingPrefix}${unique('menu')}.pdf`,
      '%PDF-1.4 menu',
      'application/pdf',
    );
    const { mediaId } = await socialMessaging.send(
      new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: wecare.id, sourceS3File: source }),
    );
    await expect(
      socialMessaging.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId,
          originationPhoneNumberId: manish.id,
          metadataOnly: true,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const document = {
      messaging_product: 'whatsapp',
      to: '919876543210',
      type: 'document',
      document: { id: mediaId, filename: 'menu.pdf' },
    };
    await expect(send(document, manish.id)).rejects.toBeInstanceOf(ValidationException);
  });

  it('enforces the media type and size table before accepting an upload', async () => {
    const gif = await upload(`${media.outgoingPrefix}${unique('anim')}.gif`, 'GIF89a', 'image/gif');
    await expect(
      socialMessaging.send(
        new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: wecare.id, sourceS3File: gif }),
      ),
    ).rejects.toThrow(/Unsupported media type image\/gif/);
    const sticker = await upload(
      `${media.outgoingPrefix}${unique('sticker')}.webp`,
      Buffer.alloc(600 * 1024),
      'image/webp',
    );
    await expect(
      socialMessaging.send(
        new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: wecare.id, sourceS3File: sticker }),
      ),
    ).rejects.toThrow(/sticker files may be at most 512000 bytes/);
    const missing = { bucketName: media.name, key: `${media.outgoingPrefix}${unique('missing')}.png` };
    await expect(
      socialMessaging.send(
        new PostWhatsAppMessageMediaCommand({ originationPhoneNumberId: wecare.id, sourceS3File: missing }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('EUM Social stand-in: linked business accounts', () => {
  it('lists both WABAs, one page at a time', async () => {
    const first = await socialMessaging.send(
      new ListLinkedWhatsAppBusinessAccountsCommand({ maxResults: 1 }),
    );
    expect(first.linkedAccounts).toHaveLength(1);
    expect(first.nextToken).toBeDefined();
    const second = await socialMessaging.send(
      new ListLinkedWhatsAppBusinessAccountsCommand({ maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.nextToken).toBeUndefined();
    const accounts = [...(first.linkedAccounts ?? []), ...(second.linkedAccounts ?? [])];
    expect(
      accounts.map((account) => [account.id, account.wabaId, account.wabaName, account.registrationStatus]),
    ).toEqual(
      config.whatsapp.businessAccounts.map((account) => [
        account.id,
        account.metaWabaId,
        account.name,
        'COMPLETE',
      ]),
    );
    expect(accounts[0]?.linkDate).toBeInstanceOf(Date);
    expect(accounts[0]?.eventDestinations).toEqual([{ eventDestinationArn: config.sns.topicArn }]);
  });

  it('details a WABA with its phone number, and the number with its WABA', async () => {
    const { account } = await socialMessaging.send(
      new GetLinkedWhatsAppBusinessAccountCommand({ id: wecare.wabaId }),
    );
    expect(account?.phoneNumbers).toEqual([
      expect.objectContaining({
        phoneNumberId: wecare.id,
        metaPhoneNumberId: '831049713436137',
        displayPhoneNumber: '+91 93309 94400',
        qualityRating: 'GREEN',
      }),
    ]);
    const phone = await socialMessaging.send(
      new GetLinkedWhatsAppBusinessAccountPhoneNumberCommand({ id: manish.id }),
    );
    expect(phone.linkedWhatsAppBusinessAccountId).toBe(manish.wabaId);
    expect(phone.phoneNumber?.displayPhoneNumberName).toBe('Manish Agarwal');
    await expect(
      socialMessaging.send(
        new GetLinkedWhatsAppBusinessAccountCommand({ id: 'waba-00000000000000000000000000000000' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
