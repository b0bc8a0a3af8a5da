import { z } from 'zod';

/**
 * A Knowledge Base document as Bedrock KB reads it from S3: the text file and its optional
 * `<key>.metadata.json` sidecar (`{"metadataAttributes": {…}}`), whose attributes retrieval can
 * filter on and return.
 */
export const MetadataSidecar = z.object({
  metadataAttributes: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .default({}),
});

export interface KbDocument {
  /** S3 key of the document. */
  key: string;
  /** `s3://bucket/key`, as Bedrock reports the source. */
  uri: string;
  text: string;
  attributes: Readonly<Record<string, string | number | boolean | string[]>>;
  /** The file's and its sidecar's ETags: what tells a changed document from one indexed as it is. */
  revision: string;
}

export interface KbChunk {
  chunkId: string;
  document: KbDocument;
  /** The headings above the passage, outermost first. */
  headings: string[];
  text: string;
}

/**
 * Files the Knowledge Base ingests: the formats we curate (Markdown, text, HTML, Word, PDF), never
 * a metadata sidecar. Others under the prefix (the service catalog's JSON) are not documents.
 */
export function isIndexable(key: string): boolean {
  return /\.(md|txt|html?|docx?|pdf)$/i.test(key) && !key.endsWith('.metadata.json');
}
