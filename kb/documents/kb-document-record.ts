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
  /**
   * Whether this version is what customers are answered from (`live`) or a change waiting to be
   * published (`staged`: in the index for an evaluation, never in a customer's answer). Records
   * from before staging are live.
   */
  stage: z.enum(['staged', 'live']).default('live'),
  /** The live version a staged replacement or a deletion takes out at the next publish. */
  retiringS3Key: z.string().min(1).optional(),
  /** When a change of this document was last published (the ingestion after it takes it in). */
  publishedAtMs: z.number().int().optional(),
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

/**
 * A file's stage in the index (metadata attribute `stage`): `staged` files answer only an
 * evaluation of the pending changes, `retiring` ones only customers (until the publish takes them
 * out), `live` ones both. Files without the attribute (starter documents) are live.
 */
export type KbFileStage = 'staged' | 'live' | 'retiring';

/** Whether a document has a change waiting to be published (a new version, a replacement, a deletion). */
export function hasPendingChange(record: KbDocumentRecord): boolean {
  return (
    record.stage === 'staged' ||
    record.retiringS3Key !== undefined ||
    (record.deletedAtMs !== undefined && (record.publishedAtMs ?? 0) < record.deletedAtMs)
  );
}

/** The Bedrock KB metadata sidecar: retrieval filters on `language` and `stage`, and cites the `title`. */
export function metadataSidecar(record: KbDocumentRecord, stage: KbFileStage): string {
  return `${JSON.stringify(
    {
      metadataAttributes: {
        title: record.title,
        language: record.language,
        owner: record.owner,
        documentId: record.id,
        version: record.version,
        stage,
      },
    },
    null,
    2,
  )}\n`;
}
