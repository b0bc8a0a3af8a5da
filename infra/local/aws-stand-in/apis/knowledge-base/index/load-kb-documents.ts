import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { extractText } from './extract-text.ts';
import { isIndexable, type KbDocument, MetadataSidecar } from './kb-document.ts';

export interface LoadedDocuments {
  documents: KbDocument[];
  /** Files under the prefix that could not be read (format, broken file), with why. */
  failures: { key: string; reason: string }[];
}

/**
 * Every document under the Knowledge Base prefix, its text extracted, with its metadata sidecar
 * when there is one.
 */
export async function loadKbDocuments(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<LoadedDocuments> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.NextContinuationToken;
  } while (token);
  const documents: KbDocument[] = [];
  const failures: LoadedDocuments['failures'] = [];
  for (const key of keys.filter(isIndexable).sort()) {
    const bytes = await readBytes(s3, bucket, key);
    if (bytes === undefined) continue;
    let text: string;
    try {
      text = await extractText(key, bytes);
    } catch (error) {
      failures.push({ key, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const sidecarBytes = await readBytes(s3, bucket, `${key}.metadata.json`);
    const sidecar = sidecarBytes && new TextDecoder('utf-8').decode(sidecarBytes);
    const metadata =
      sidecar === undefined ? { metadataAttributes: {} } : MetadataSidecar.safeParse(safeJson(sidecar));
    const attributes =
      'success' in metadata
        ? metadata.success
          ? metadata.data.metadataAttributes
          : {}
        : metadata.metadataAttributes;
    const revision = createHash('sha256')
      .update(bytes)
      .update(sidecarBytes ?? new Uint8Array())
      .digest('hex');
    documents.push({ key, uri: `s3://${bucket}/${key}`, text, attributes, revision });
  }
  return { documents, failures };
}

async function readBytes(s3: S3Client, bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
