import '#core/aws/clients/s3.ts';
import { createHash } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { MediaKind } from '#core/config/media-types.ts';
import { TooLargeError, UnsupportedMediaTypeError, ValidationError } from '#core/errors/app-errors.ts';
import { detectMediaType } from '#core/media/detect-media-type.ts';
import type { ConsoleDesk } from './console-desk.ts';

/**
 * The largest file a person attaches in the console: the console's function takes requests of at
 * most 6 MB (Lambda's synchronous payload), and a file arrives base64-encoded in it (4/3 larger).
 * WhatsApp's own limits per type (5 MB an image, 500 KB a sticker) apply below this.
 */
export const attachmentMaxBytes = 4 * 1024 * 1024;

/** A file in the media bucket, ready for WhatsApp: what it is by its content, where it is. */
export interface Attachment {
  kind: MediaKind;
  mimeType: string;
  s3Key: string;
  filename: string;
  bytes: number;
}

/**
 * Keeps a file a person attaches to a reply in the media bucket's outgoing prefix, where the
 * WhatsApp sender uploads it from. Its type is judged by content and must be one WhatsApp carries,
 * within that type's size limit. The key is derived from the conversation and the reply's request
 * id, so a repeated request writes the same object.
 */
export async function storeAttachment(
  desk: ConsoleDesk,
  input: { conversationId: string; requestId: string; fileName: string; bytes: Uint8Array },
): Promise<Attachment> {
  const { bytes } = input;
  if (bytes.length === 0)
    throw new ValidationError('file: the file is empty', { details: { field: 'file' } });
  if (bytes.length > attachmentMaxBytes)
    throw new TooLargeError(`The file is ${megabytes(bytes.length)}; the console sends files up to 4 MB.`);
  const { detected, rule } = await detectMediaType(bytes, input.fileName);
  if (!rule)
    throw new UnsupportedMediaTypeError(
      `WhatsApp does not carry this file (its content is ${detected}): send a PDF, an Office document, plain text, an image (JPEG, PNG), audio or video.`,
      { details: { detected } },
    );
  if (bytes.length > rule.maxBytes)
    throw new TooLargeError(`WhatsApp takes ${rule.kind} files up to ${megabytes(rule.maxBytes)}.`);
  const filename = safeFileName(input.fileName, rule.extensions[0] ?? '');
  const folder = createHash('sha256').update(input.conversationId).digest('hex').slice(0, 16);
  const s3Key = `${desk.config.buckets.media.outgoingPrefix}console/${folder}/${input.requestId}/${filename}`;
  await desk.clients.s3.send(
    new PutObjectCommand({
      Bucket: desk.config.buckets.media.name,
      Key: s3Key,
      Body: bytes,
      ContentType: rule.mimeType,
    }),
  );
  return { kind: rule.kind, mimeType: rule.mimeType, s3Key, filename, bytes: bytes.length };
}

/** The name the customer sees: letters of any script, digits, dots, dashes; the type's extension. */
function safeFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).at(-1) ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._ -]+/gu, '-')
    .replace(/^[.\s-]+/, '')
    .slice(0, 100);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}${extension}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
