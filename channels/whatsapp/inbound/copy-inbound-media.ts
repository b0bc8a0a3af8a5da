import { GetWhatsAppMessageMediaCommand, type SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { pacedCall } from '#channels/delivery/paced-call.ts';
import type { Config } from '#core/config/config-schema.ts';
import { mediaRuleForMimeType } from '#core/config/media-types.ts';
import type { SendPaces } from '#core/rate-limit/send-paces.ts';
import type { MediaRecord } from '#core/stores/inbound-message-store.ts';
import type { BusinessDirectory } from '../business-directory.ts';
import type { InboundMessage } from './inbound-types.ts';

const mediaTypes = new Set(['image', 'audio', 'video', 'document', 'sticker']);

export function isMediaMessage(
  message: InboundMessage,
): message is InboundMessage & { payload: { mediaId: string; mimeType: string } } {
  return (
    mediaTypes.has(message.type) && typeof (message.payload as { mediaId?: unknown }).mediaId === 'string'
  );
}

/** `whatsapp-media/whatsapp-media-incoming/<number>/<yyyy-mm-dd>/<wamid>.<ext>`: one file per message, so a retry overwrites, never duplicates. */
export function incomingMediaKey(config: Config, message: InboundMessage, mimeType: string): string {
  const extension = mediaRuleForMimeType(mimeType)?.extensions[0] ?? '.bin';
  const safeWamid = message.wamid.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${config.buckets.media.incomingPrefix}${message.phoneNumberId}/${message.timestamp.slice(0, 10)}/${safeWamid}${extension}`;
}

/**
 * Copies a customer's media file into the media bucket through GetWhatsAppMessageMedia (EUM
 * Social downloads it from Meta and writes it to S3), within the operation's and the account's
 * limits shared with every other instance, each retry of throttling or a 5xx too; what still
 * fails is reported, and the caller records it without holding up the conversation.
 */
export async function copyInboundMedia(
  dependencies: {
    socialMessaging: SocialMessagingClient;
    paces: Pick<SendPaces, 'whatsAppMediaDownload'>;
    config: Config;
    directory: BusinessDirectory;
  },
  message: InboundMessage & { payload: { mediaId: string; mimeType: string } },
  attempts: number,
): Promise<MediaRecord> {
  const phone = dependencies.directory.phoneByMetaId.get(message.phoneNumberId);
  if (!phone) throw new Error(`No AWS phone number id for ${message.phoneNumberId}`);
  const key = incomingMediaKey(dependencies.config, message, message.payload.mimeType);
  const bucket = dependencies.config.buckets.media.name;
  const result = await pacedCall(
    'GetWhatsAppMessageMedia',
    () => dependencies.paces.whatsAppMediaDownload(),
    () =>
      dependencies.socialMessaging.send(
        new GetWhatsAppMessageMediaCommand({
          mediaId: message.payload.mediaId,
          originationPhoneNumberId: phone.awsId,
          destinationS3File: { bucketName: bucket, key },
        }),
      ),
  );
  return {
    status: 'stored',
    bucket,
    key,
    mimeType: result.mimeType ?? message.payload.mimeType,
    sizeBytes: result.fileSize ?? 0,
    storedAt: new Date().toISOString(),
    attempts,
  };
}
