import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { isIndexable, type KbDocument, MetadataSidecar } from './kb-document.ts';

/** Every indexable document under the Knowledge Base prefix, with its metadata sidecar when there is one. */
export async function loadKbDocuments(s3: S3Client, bucket: string, prefix: string): Promise<KbDocument[]> {
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
  for (const key of keys.filter(isIndexable).sort()) {
    const text = await readText(s3, bucket, key);
    if (text === undefined) continue;
    const sidecar = await readText(s3, bucket, `${key}.metadata.json`);
    const metadata =
      sidecar === undefined ? { metadataAttributes: {} } : MetadataSidecar.safeParse(safeJson(sidecar));
    const attributes =
      'success' in metadata
        ? metadata.success
          ? metadata.data.metadataAttributes
          : {}
        : metadata.metadataAttributes;
    documents.push({ key, uri: `s3://${bucket}/${key}`, text, attributes });
  }
  return documents;
}

async function readText(s3: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
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
