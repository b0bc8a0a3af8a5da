import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { mediaRuleForFileName, mediaRuleForMimeType } from '#core/config/media-types.ts';
import type { RateLimiter } from '../../rate-limiter.ts';
import { parseBody, parseInput } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import { parseMetaMessage } from './meta-message.ts';
import { templateOperations } from './template-operations.ts';
import type { WhatsAppState } from './whatsapp-state.ts';

/**
 * AWS End User Messaging Social (restJson1, signing name `social-messaging`): the operations the
 * platform uses, with the service's limits and error names, for `@aws-sdk/client-socialmessaging`.
 */
export interface SocialMessagingContext {
  state: WhatsAppState;
  limiter: RateLimiter;
  s3: S3Client;
}

const S3File = z.object({ bucketName: z.string().min(3), key: z.string().min(1) });
const PresignedUrl = z.object({ url: z.url(), headers: z.record(z.string(), z.string()).default({}) });

const SendInput = z.object({
  originationPhoneNumberId: z.string().min(1),
  message: z.base64(),
  metaApiVersion: z.string().min(1),
});
const PostMediaInput = z.object({
  originationPhoneNumberId: z.string().min(1),
  sourceS3File: S3File.optional(),
  sourceS3PresignedUrl: PresignedUrl.optional(),
});
const GetMediaInput = z.object({
  mediaId: z.string().min(1),
  originationPhoneNumberId: z.string().min(1),
  metadataOnly: z.boolean().default(false),
  destinationS3File: S3File.optional(),
  destinationS3PresignedUrl: PresignedUrl.optional(),
});
const DeleteMediaInput = z.object({
  mediaId: z.string().min(1),
  originationPhoneNumberId: z.string().min(1),
});
const ListInput = z.object({
  maxResults: z.coerce.number().int().min(1).max(100).default(10),
  nextToken: z.string().optional(),
});
const IdInput = z.object({ id: z.string().min(1) });

const minimumMetaApiVersion = 20;
const linkDate = Date.UTC(2026, 0, 14, 19, 48, 37) / 1000;

export function socialMessagingApi(context: SocialMessagingContext): StandInApi {
  const { state, limiter } = context;
  const { config } = state;
  const rates = config.whatsapp.operationRequestsPerSecond;
  const arnPrefix = `arn:aws:social-messaging:${config.aws.region}:${config.aws.accountId}`;

  const throttle = (
    operation: string,
    rate: number,
    extra: ReadonlyArray<readonly [string, number]> = [],
  ) => {
    if (
      !limiter.tryTake([
        ['eum:account', config.whatsapp.accountRequestsPerSecond],
        [`eum:${operation}`, rate],
        ...extra,
      ])
    ) {
      throw new AwsServiceError('ThrottledRequestException', 429, `Rate exceeded for ${operation}`);
    }
  };
  const phoneOrFail = (id: string) => {
    const phone = state.phoneNumber(id);
    if (!phone)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        404,
        `Phone number ${id} is not linked to this account`,
      );
    return phone;
  };
  const phoneSummary = (id: string) => {
    const phone = phoneOrFail(id);
    return {
      arn: `${arnPrefix}:phone-number-id/${phone.id}`,
      phoneNumber: phone.displayNumber.replace(/\s/g, ''),
      phoneNumberId: phone.id,
      metaPhoneNumberId: phone.metaPhoneNumberId,
      displayPhoneNumberName: phone.displayName,
      displayPhoneNumber: phone.displayNumber,
      qualityRating: phone.qualityRating,
    };
  };
  const accountOrFail = (wabaId: string) => {
    const account = state.businessAccounts.find((candidate) => candidate.id === wabaId);
    if (!account)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        404,
        `WhatsApp Business Account ${wabaId} is not linked`,
      );
    return account;
  };
  const accountSummary = (wabaId: string) => {
    const account = accountOrFail(wabaId);
    return {
      arn: `${arnPrefix}:waba/${account.id}`,
      id: account.id,
      wabaId: account.metaWabaId,
      registrationStatus: 'COMPLETE',
      linkDate,
      wabaName: account.name,
      eventDestinations: [{ eventDestinationArn: config.sns.topicArn }],
    };
  };

  return {
    name: 'social-messaging',
    signingName: 'social-messaging',
    protocol: 'rest-json',
    // A send is about its recipient; a media call about its media id (or the number, for an upload).
    faultSubject(_operation, request) {
      try {
        const body = JSON.parse(request.body.toString('utf8') || '{}') as {
          message?: string;
          mediaId?: string;
          originationPhoneNumberId?: string;
        };
        if (body.message)
          return String(
            (JSON.parse(Buffer.from(body.message, 'base64').toString('utf8')) as { to?: unknown }).to ?? '',
          );
        return body.mediaId ?? request.query.get('mediaId') ?? body.originationPhoneNumberId;
      } catch {
        return undefined;
      }
    },
    httpRoutes: [
      {
        // What the business sent, newest last: for tests and the simulator (real EUM has no such view).
        method: 'GET',
        path: '/__stand-in/social-messaging/sent',
        handle(request) {
          const to = request.query.get('to');
          const phone = request.query.get('phoneNumberId');
          const sent = state
            .sentMessages()
            .filter((item) => (!to || item.message.to === to) && (!phone || item.phoneNumberId === phone));
          return { json: { messages: sent } };
        },
      },
    ],
    operations: [
      {
        name: 'SendWhatsAppMessage',
        method: 'POST',
        path: '/v1/whatsapp/send',
        handle(request) {
          const input = parseBody(request, SendInput);
          const phone = phoneOrFail(input.originationPhoneNumberId);
          try {
            throttle('SendWhatsAppMessage', rates.sendMessage, [
              [`eum:phone:${phone.id}`, phone.messagesPerSecond],
            ]);
          } catch (error) {
            state.recordRefused(phone.id);
            throw error;
          }
          const version = /^v(\d+)\.\d+$/.exec(input.metaApiVersion);
          if (!version || Number(version[1]) < minimumMetaApiVersion) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              `metaApiVersion must be v${minimumMetaApiVersion}.0 or later`,
            );
          }
          const bytes = Buffer.from(input.message, 'base64');
          if (bytes.length > config.whatsapp.maxMessageBytes) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              `message exceeds ${config.whatsapp.maxMessageBytes} bytes`,
            );
          }
          let decoded: unknown;
          try {
            decoded = JSON.parse(bytes.toString('utf8'));
          } catch {
            throw new AwsServiceError('ValidationException', 400, 'message is not a JSON WhatsApp message');
          }
          const message = parseMetaMessage(decoded);
          if ('error' in message) throw new AwsServiceError('ValidationException', 400, message.error);
          if (message.kind === 'message' && message.mediaId && !state.mediaFor(phone.id, message.mediaId)) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              `(#131053) Media ${message.mediaId} was not uploaded by this phone number`,
            );
          }
          const body = message.kind === 'message' ? message.body : (decoded as Record<string, unknown>);
          return { body: { messageId: state.recordSent(phone.id, body).messageId } };
        },
      },
      {
        name: 'PostWhatsAppMessageMedia',
        method: 'POST',
        path: '/v1/whatsapp/media',
        async handle(request) {
          const input = parseBody(request, PostMediaInput);
          const phone = phoneOrFail(input.originationPhoneNumberId);
          throttle('PostWhatsAppMessageMedia', rates.postMedia);
          if (Boolean(input.sourceS3File) === Boolean(input.sourceS3PresignedUrl)) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              'Exactly one of sourceS3File and sourceS3PresignedUrl is required',
            );
          }
          const source = input.sourceS3File
            ? await readS3(context.s3, input.sourceS3File)
            : await readPresigned(input.sourceS3PresignedUrl);
          const rule = mediaRuleForMimeType(source.mimeType) ?? mediaRuleForFileName(source.fileName);
          if (!rule) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              `(#131053) Unsupported media type ${source.mimeType} (${source.fileName})`,
            );
          }
          if (source.bytes.length > rule.maxBytes) {
            throw new AwsServiceError(
              'ValidationException',
              400,
              `(#131053) ${rule.kind} files may be at most ${rule.maxBytes} bytes`,
            );
          }
          const stored = state.addMedia({
            phoneNumberId: phone.id,
            bytes: source.bytes,
            mimeType: rule.mimeType,
            fileName: source.fileName,
          });
          return { body: { mediaId: stored.mediaId } };
        },
      },
      {
        name: 'GetWhatsAppMessageMedia',
        method: 'POST',
        path: '/v1/whatsapp/media/get',
        async handle(request) {
          const input = parseBody(request, GetMediaInput);
          const phone = phoneOrFail(input.originationPhoneNumberId);
          throttle('GetWhatsAppMessageMedia', rates.getMedia);
          const media = state.mediaFor(phone.id, input.mediaId);
          if (!media)
            throw new AwsServiceError(
              'ResourceNotFoundException',
              404,
              `Media ${input.mediaId} not found for this phone number`,
            );
          if (!input.metadataOnly) {
            if (input.destinationS3File) {
              await context.s3.send(
                new PutObjectCommand({
                  Bucket: input.destinationS3File.bucketName,
                  Key: input.destinationS3File.key,
                  Body: media.bytes,
                  ContentType: media.mimeType,
                }),
              );
            } else if (input.destinationS3PresignedUrl) {
              await writePresigned(input.destinationS3PresignedUrl, media.bytes, media.mimeType);
            } else {
              throw new AwsServiceError(
                'ValidationException',
                400,
                'A destination is required unless metadataOnly is true',
              );
            }
          }
          return { body: { mimeType: media.mimeType, fileSize: media.bytes.length } };
        },
      },
      {
        name: 'DeleteWhatsAppMessageMedia',
        method: 'DELETE',
        path: '/v1/whatsapp/media',
        handle(request) {
          const input = parseInput(Object.fromEntries(request.query), DeleteMediaInput);
          const phone = phoneOrFail(input.originationPhoneNumberId);
          throttle('DeleteWhatsAppMessageMedia', rates.deleteMedia);
          if (!state.deleteMedia(phone.id, input.mediaId)) {
            throw new AwsServiceError(
              'ResourceNotFoundException',
              404,
              `Media ${input.mediaId} not found for this phone number`,
            );
          }
          return { body: { success: true } };
        },
      },
      ...templateOperations(
        accountOrFail,
        state.config.whatsapp.operationRequestsPerSecond.templates,
        throttle,
      ),
      {
        name: 'ListLinkedWhatsAppBusinessAccounts',
        method: 'GET',
        path: '/v1/whatsapp/waba/list',
        handle(request) {
          const input = parseInput(Object.fromEntries(request.query), ListInput);
          throttle('ListLinkedWhatsAppBusinessAccounts', rates.businessAccounts);
          const start = input.nextToken ? decodeToken(input.nextToken) : 0;
          const page = state.businessAccounts
            .slice(start, start + input.maxResults)
            .map((account) => accountSummary(account.id));
          const next = start + input.maxResults;
          return {
            body: {
              linkedAccounts: page,
              ...(next < state.businessAccounts.length
                ? { nextToken: Buffer.from(`offset:${next}`).toString('base64url') }
                : {}),
            },
          };
        },
      },
      {
        name: 'GetLinkedWhatsAppBusinessAccount',
        method: 'GET',
        path: '/v1/whatsapp/waba/details',
        handle(request) {
          const { id } = parseInput(Object.fromEntries(request.query), IdInput);
          throttle('GetLinkedWhatsAppBusinessAccount', rates.businessAccounts);
          const account = accountSummary(id);
          return {
            body: {
              account: {
                ...account,
                phoneNumbers: state.phoneNumbersOf(id).map((phone) => phoneSummary(phone.id)),
              },
            },
          };
        },
      },
      {
        name: 'GetLinkedWhatsAppBusinessAccountPhoneNumber',
        method: 'GET',
        path: '/v1/whatsapp/waba/phone/details',
        handle(request) {
          const { id } = parseInput(Object.fromEntries(request.query), IdInput);
          throttle('GetLinkedWhatsAppBusinessAccountPhoneNumber', rates.businessAccounts);
          const phone = phoneOrFail(id);
          return {
            body: { phoneNumber: phoneSummary(phone.id), linkedWhatsAppBusinessAccountId: phone.wabaId },
          };
        },
      },
    ],
  };
}

function decodeToken(token: string): number {
  const offset = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!offset) throw new AwsServiceError('ValidationException', 400, 'nextToken is not valid');
  return Number(offset[1]);
}

async function readS3(s3: S3Client, file: z.infer<typeof S3File>) {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: file.bucketName, Key: file.key }));
    const bytes = Buffer.from(await (object.Body?.transformToByteArray() ?? new Uint8Array()));
    return {
      bytes,
      mimeType: object.ContentType ?? 'application/octet-stream',
      fileName: file.key.split('/').at(-1) ?? file.key,
    };
  } catch (error) {
    if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchBucket')) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        404,
        `s3://${file.bucketName}/${file.key} does not exist`,
      );
    }
    throw error;
  }
}

/** Presigned URLs are only followed to loopback: the local world never talks to the network. */
function loopbackUrl(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) {
    throw new AwsServiceError(
      'ValidationException',
      400,
      'The local stand-in only follows presigned URLs on loopback',
    );
  }
  return parsed;
}

async function readPresigned(source: z.infer<typeof PresignedUrl> | undefined) {
  if (!source) throw new AwsServiceError('ValidationException', 400, 'sourceS3PresignedUrl is required');
  const url = loopbackUrl(source.url);
  const response = await fetch(url, { headers: source.headers });
  if (!response.ok)
    throw new AwsServiceError('ResourceNotFoundException', 404, `Presigned URL answered ${response.status}`);
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    mimeType: response.headers.get('content-type') ?? 'application/octet-stream',
    fileName: url.pathname.split('/').at(-1) ?? 'media',
  };
}

async function writePresigned(destination: z.infer<typeof PresignedUrl>, bytes: Buffer, mimeType: string) {
  const response = await fetch(loopbackUrl(destination.url), {
    method: 'PUT',
    headers: { 'content-type': mimeType, ...destination.headers },
    body: bytes,
  });
  if (!response.ok)
    throw new AwsServiceError('DependencyException', 502, `Presigned upload answered ${response.status}`);
}
