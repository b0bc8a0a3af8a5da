import { fileTypeFromBuffer } from 'file-type';
import { TooLargeError, UnsupportedMediaTypeError, ValidationError } from '#core/errors/app-errors.ts';
import { plainTextOf } from '#core/media/detect-media-type.ts';

/** The formats an admin can put in the Knowledge Base, with the extension Bedrock KB parses each by. */
export const kbFileFormats = {
  pdf: { extension: 'pdf', contentType: 'application/pdf', label: 'PDF' },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word',
  },
  doc: { extension: 'doc', contentType: 'application/msword', label: 'Word 97–2003' },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8', label: 'HTML' },
  markdown: { extension: 'md', contentType: 'text/markdown; charset=utf-8', label: 'Markdown' },
  text: { extension: 'txt', contentType: 'text/plain; charset=utf-8', label: 'Text' },
} as const;

export type KbFileFormat = keyof typeof kbFileFormats;

/**
 * The console's upload limit: a file travels base64-encoded in the admin function's 6 MB request
 * payload, so 4 MB is what fits (Bedrock KB itself takes files up to 50 MB).
 */
export const maxKbFileBytes = 4 * 1024 * 1024;

/**
 * What a Knowledge Base file is, judged by its content: PDF and Word by their magic numbers
 * (`file-type`), HTML, Markdown and text by decoding as UTF-8 without control characters. The
 * name only tells apart what content cannot: Markdown from plain text, and old Word (`.doc`) from
 * other compound files. A program named `prices.pdf` is refused; a PDF named `prices.md` is a PDF.
 */
export async function kbFileFormatOf(bytes: Uint8Array, fileName: string): Promise<KbFileFormat> {
  if (bytes.length === 0)
    throw new ValidationError('file: the file is empty', { details: { field: 'file' } });
  if (bytes.length > maxKbFileBytes)
    throw new TooLargeError(
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the console takes documents up to 4 MB.`,
    );
  const found = await fileTypeFromBuffer(bytes);
  if (found?.mime === 'application/pdf') return 'pdf';
  if (found?.mime === kbFileFormats.docx.contentType) return 'docx';
  if (found?.mime === 'application/x-cfb' && /\.doc$/i.test(fileName)) return 'doc';
  const text = found ? undefined : plainTextOf(bytes);
  if (text === undefined)
    throw new UnsupportedMediaTypeError(
      `This file is ${found ? found.mime : 'not text'}; the Knowledge Base takes PDF, Word, HTML, Markdown and plain text.`,
    );
  if (/^\s*(<!doctype html|<html[\s>])/i.test(text)) return 'html';
  if (/\.html?$/i.test(fileName) && /<\/?[a-z][a-z0-9]*[\s>]/i.test(text)) return 'html';
  if (/\.(md|markdown)$/i.test(fileName)) return 'markdown';
  return 'text';
}
