import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';
import { publishCatalog } from '#kb/catalog/catalog-store.ts';
import { starterCatalogFile } from '#kb/catalog/render-starter-price-lists.ts';

const starterDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'kb',
  'starter-documents',
);

/**
 * Puts the starter Knowledge Base (sample content) under the KB prefix when the prefix is empty,
 * so that a fresh `npm start` answers questions; documents an admin has put there are never touched.
 */
export async function seedStarterDocuments(s3: S3Client, config: Config): Promise<number> {
  const bucket = config.buckets.stream.name;
  const prefix = config.buckets.stream.knowledgeBasePrefix;
  const existing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
  if ((existing.KeyCount ?? 0) > 0) {
    await seedStarterCatalog(s3, config);
    return 0;
  }
  const files = (await readdir(starterDirectory)).filter((file) => file !== 'README.md');
  for (const file of files) {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}${file}`,
        Body: await readFile(join(starterDirectory, file)),
        ContentType: file.endsWith('.json') ? 'application/json' : 'text/markdown; charset=utf-8',
      }),
    );
  }
  await seedStarterCatalog(s3, config);
  return files.length;
}

/**
 * The starter service catalog (sample prices), when there is none: it and the price lists generated
 * from it are what the bot quotes and answers from. An admin's catalog is never replaced.
 */
async function seedStarterCatalog(s3: S3Client, config: Config): Promise<void> {
  try {
    await s3.send(
      new HeadObjectCommand({ Bucket: config.buckets.stream.name, Key: config.buckets.stream.catalogKey }),
    );
    return;
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
  await publishCatalog(s3, config, await readFile(starterCatalogFile, 'utf8'), { sample: true });
}
