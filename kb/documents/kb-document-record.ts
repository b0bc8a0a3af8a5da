import * as z from 'zod';
import { kbFileFormats } from './kb-file-format.ts';

/** The languages retrieval filters on (metadata attribute `language`): the bot answers in these. */
export const kbLanguages = ['en', 'hi', 'bn'] as const;

/** The partition of the `by-library` index that holds the Knowledge Base's documents. */
export const knowledgeBaseLibrary = 'knowledge-base';

/**
 * A Knowledge Base document's record in DocsTable: what it is (title, language, owner), which
 * version of it is in S3 (key, checksum, size, format), who put it there and when. A deleted
 * document keeps its record (with `deletedAtMs`) until an ingestion has taken it out of the index.
 */
export const KbDocumentRecord = z.object({
  id: z.string().regex(/^kbdoc-[0-9a-f]{20}$/),
  library: z.literal(knowledgeBaseLibrary),
  title: z.string().min(1).max(200),
  language: z.enum(kbLanguages),
  /** Who answers for the content (a team or a person), not who uploaded it. */
  owner: z.string().min(1).max(100),
  version: z.number().int().min(1),
  format: z.enum(Object.keys(kbFileFormats) as [keyof typeof kbFileFormats]),
  fileName: z.string().max(255),
  s3Key: z.string().min(1),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().min(1),
  uploadedBy: z.string().min(1),
  uploadedAtMs: z.number().int(),
  deletedAtMs: z.number().int().optional(),
  deletedBy: z.string().optional(),
});
export type KbDocumentRecord = z.infer<typeof KbDocumentRecord>;

/** What an admin says about a document when uploading it. */
export const KbDocumentFields = z.object({
  title: z.string().trim().min(1).max(200),
  language: z.enum(kbLanguages),
  owner: z.string().trim().min(1).max(100),
});
export type KbDocumentFields = z.infer<typeof KbDocumentFields>;

/**
 * Where a version of a document lives: its own key per version, so that a replacement never
 * overwrites the file its record still names, and a failed replacement leaves the old one intact.
 * The extension is the format's: Bedrock KB parses a file by its extension.
 */
export function documentKey(prefix: string, id: string, version: number, format: keyof typeof kbFileFormats) {
  return `${prefix}documents/${id}-v${version}.${kbFileFormats[format].extension}`;
}

/** The Bedrock KB metadata sidecar: retrieval filters on `language` and cites the `title`. */
export function metadataSidecar(record: KbDocumentRecord): string {
  return `${JSON.stringify(
    {
      metadataAttributes: {
        title: record.title,
        language: record.language,
        owner: record.owner,
        documentId: record.id,
        version: record.version,
      },
    },
    null,
    2,
  )}\n`;
}
