import { fileTypeFromBuffer } from 'file-type';
import { type MediaTypeRule, mediaRuleForFileName, mediaRuleForMimeType } from '#core/config/media-types.ts';

/**
 * What a file is, judged by its content (magic numbers, via `file-type`), never by its name: a
 * program renamed `prices.pdf` is not a PDF. The name only tells apart what the content cannot:
 * which Office format an old compound file (`.doc`/`.xls`/`.ppt`) is. Plain text has no magic
 * number: it is text when it decodes as UTF-8 without control characters.
 *
 * Returns the detected MIME type and, when WhatsApp carries it, the seed's media rule (kind and
 * size limit), under the seed's MIME type (`.docx` is `application/msword` in its table).
 */
export async function detectMediaType(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ detected: string; rule: MediaTypeRule | undefined }> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found)
    return plainTextOf(bytes) !== undefined
      ? ruleFor('text/plain')
      : { detected: 'unknown', rule: undefined };
  const officeByName = mediaRuleForFileName(fileName);
  if (found.mime === 'application/x-cfb')
    return {
      detected: found.mime,
      rule:
        officeByName?.kind === 'document' && /\.(doc|xls|ppt)$/i.test(fileName) ? officeByName : undefined,
    };
  return { ...ruleFor(seedMimeType[found.mime] ?? found.mime), detected: found.mime };
}

/** Where the seed's table names a type differently from what the content is registered as. */
const seedMimeType: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'application/msword',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation':
    'application/vnd.ms-powerpoint',
  'video/3gpp': 'video/3gp',
  'audio/x-m4a': 'audio/mp4',
  'audio/opus': 'audio/ogg',
  'audio/aac': 'audio/aac',
};

function ruleFor(mimeType: string) {
  return { detected: mimeType, rule: mediaRuleForMimeType(mimeType) };
}

/** Tab, line feed, carriage return. */
const textControls = new Set([0x09, 0x0a, 0x0d]);

/** The file as text, when it is text: UTF-8 without control characters (NUL above all means binary). */
export function plainTextOf(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Tabs and line ends are text; other control characters mean a binary file.
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !textControls.has(code)) || code === 0x7f) return undefined;
  }
  return text;
}
