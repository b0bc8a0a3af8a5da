/**
 * WhatsApp's supported media types and size limits, from the seed's "Supported Media File Types".
 * Enforced before an upload (PostWhatsAppMessageMedia) and by the local EUM Social stand-in.
 */
export type MediaKind = 'audio' | 'document' | 'image' | 'sticker' | 'video';

export interface MediaTypeRule {
  kind: MediaKind;
  mimeType: string;
  extensions: readonly string[];
  maxBytes: number;
}

const megabytes = (count: number) => count * 1024 * 1024;
const kilobytes = (count: number) => count * 1024;

export const mediaTypes: readonly MediaTypeRule[] = [
  { kind: 'audio', mimeType: 'audio/aac', extensions: ['.aac'], maxBytes: megabytes(16) },
  { kind: 'audio', mimeType: 'audio/amr', extensions: ['.amr'], maxBytes: megabytes(16) },
  { kind: 'audio', mimeType: 'audio/mpeg', extensions: ['.mp3'], maxBytes: megabytes(16) },
  { kind: 'audio', mimeType: 'audio/mp4', extensions: ['.m4a'], maxBytes: megabytes(16) },
  { kind: 'audio', mimeType: 'audio/ogg', extensions: ['.ogg'], maxBytes: megabytes(16) },
  { kind: 'document', mimeType: 'text/plain', extensions: ['.txt'], maxBytes: megabytes(100) },
  {
    kind: 'document',
    mimeType: 'application/vnd.ms-excel',
    extensions: ['.xls', '.xlsx'],
    maxBytes: megabytes(100),
  },
  {
    kind: 'document',
    mimeType: 'application/msword',
    extensions: ['.doc', '.docx'],
    maxBytes: megabytes(100),
  },
  {
    kind: 'document',
    mimeType: 'application/vnd.ms-powerpoint',
    extensions: ['.ppt', '.pptx'],
    maxBytes: megabytes(100),
  },
  { kind: 'document', mimeType: 'application/pdf', extensions: ['.pdf'], maxBytes: megabytes(100) },
  { kind: 'image', mimeType: 'image/jpeg', extensions: ['.jpeg', '.jpg'], maxBytes: megabytes(5) },
  { kind: 'image', mimeType: 'image/png', extensions: ['.png'], maxBytes: megabytes(5) },
  // The seed lists 500 KB for animated and 100 KB for static stickers; the file alone cannot tell
  // which one it is, so the larger limit is the one a sticker upload is held to.
  { kind: 'sticker', mimeType: 'image/webp', extensions: ['.webp'], maxBytes: kilobytes(500) },
  { kind: 'video', mimeType: 'video/3gp', extensions: ['.3gp'], maxBytes: megabytes(16) },
  { kind: 'video', mimeType: 'video/mp4', extensions: ['.mp4'], maxBytes: megabytes(16) },
];

/** The rule for a MIME type (parameters such as `; codecs=opus` ignored), or undefined when unsupported. */
export function mediaRuleForMimeType(mimeType: string): MediaTypeRule | undefined {
  const bare = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaTypes.find((rule) => rule.mimeType === bare);
}

/** The rule for a file name's extension, or undefined when unsupported. */
export function mediaRuleForFileName(fileName: string): MediaTypeRule | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = fileName.slice(dot).toLowerCase();
  return mediaTypes.find((rule) => rule.extensions.includes(extension));
}
