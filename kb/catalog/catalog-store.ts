import '#core/aws/clients/s3.ts';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';
import { ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import { priceListDocument, priceListFile } from './price-list-document.ts';
import { catalogLanguages, parseServiceCatalog, type ServiceCatalog } from './service-catalog.ts';

/**
 * The service catalog as the bot reads it: from S3 (`config.buckets.stream.catalogKey`), parsed and
 * validated, kept for a minute so that a conversation does not read S3 on every quote, and an
 * admin's change reaches every Lambda instance within that minute.
 */
export class CatalogStore {
  private cached: { catalog: ServiceCatalog; readAtMs: number } | undefined;

  constructor(
    private readonly s3: S3Client,
    private readonly location: { bucket: string; key: string },
    private readonly options: { cacheMs?: number; now?: () => number } = {},
  ) {}

  static fromConfig(s3: S3Client, config: Config): CatalogStore {
    return new CatalogStore(s3, {
      bucket: config.buckets.stream.name,
      key: config.buckets.stream.catalogKey,
    });
  }

  async current(): Promise<ServiceCatalog> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now - this.cached.readAtMs < (this.options.cacheMs ?? 60_000))
      return this.cached.catalog;
    let text: string;
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.location.key }),
      );
      text = (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (error instanceof NoSuchKey)
        throw new NotFoundError(
          `There is no service catalog at s3://${this.location.bucket}/${this.location.key}`,
        );
      throw classifyAwsError(error, 'GetObject');
    }
    const catalog = parseServiceCatalog(text);
    this.cached = { catalog, readAtMs: now };
    return catalog;
  }
}

/**
 * Publishes a catalog: the catalog itself, then the price-list documents generated from it in each
 * language, under the Knowledge Base prefix (ingested at the next ingestion job). Validated first:
 * a catalog that does not parse is never written.
 */
export async function publishCatalog(
  s3: S3Client,
  config: Config,
  catalogText: string,
  options: { sample: boolean },
): Promise<ServiceCatalog> {
  const catalog = parseServiceCatalog(catalogText);
  const bucket = config.buckets.stream.name;
  const put = (key: string, body: string, contentType: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  await put(config.buckets.stream.catalogKey, `${JSON.stringify(catalog, null, 2)}\n`, 'application/json');
  for (const language of catalogLanguages) {
    const document = priceListDocument(catalog, language, options);
    const key = `${config.buckets.stream.knowledgeBasePrefix}${document.file}`;
    await put(key, document.markdown, 'text/markdown; charset=utf-8');
    await put(`${key}.metadata.json`, `${JSON.stringify(document.metadata, null, 2)}\n`, 'application/json');
  }
  return catalog;
}

/** Where an Admin's edit of the catalog waits to be published (beside the live one, not read by quotes). */
export function stagedCatalogKey(config: Config): string {
  return `${config.buckets.stream.catalogKey}.staged`;
}

/** Where the price lists of a staged catalog wait: indexed as `staged`, so only an evaluation sees them. */
function stagedPriceListKey(config: Config, file: string): string {
  return `${config.buckets.stream.knowledgeBasePrefix}staged/${file}`;
}

async function readObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ text: string; etag: string; modifiedAtMs: number } | undefined> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      text: (await object.Body?.transformToString('utf-8')) ?? '',
      etag: object.ETag ?? '',
      modifiedAtMs: object.LastModified?.getTime() ?? 0,
    };
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw classifyAwsError(error, 'GetObject');
  }
}

/** A staged catalog, if an Admin saved one that is not published yet. */
export async function stagedCatalog(
  s3: S3Client,
  config: Config,
): Promise<{ text: string; etag: string; modifiedAtMs: number } | undefined> {
  return readObject(s3, config.buckets.stream.name, stagedCatalogKey(config));
}

/**
 * The catalog for an admin to edit: the staged one if there is one (the edit goes on from it),
 * else the live one; with the ETag a save must still find, and whether it is staged.
 */
export async function catalogForEditing(
  s3: S3Client,
  config: Config,
): Promise<{ text: string; etag: string; staged: boolean }> {
  const staged = await stagedCatalog(s3, config);
  if (staged) return { text: staged.text, etag: staged.etag, staged: true };
  const live = await readObject(s3, config.buckets.stream.name, config.buckets.stream.catalogKey);
  return { text: live?.text ?? '', etag: live?.etag ?? '', staged: false };
}

/**
 * An admin's edit of the catalog, staged: validated (a catalog that does not parse is a 400
 * naming each problem, and nothing is written), refused with 409 if someone saved another since it
 * was opened, then written beside the live one with its price lists staged in the Knowledge Base
 * (in no customer's answer, in the staged view for an evaluation) and the live price lists marked
 * retiring. Quotes and answers keep the live catalog until the Admin publishes.
 */
export async function saveEditedCatalog(
  s3: S3Client,
  config: Config,
  edit: { text: string; etag: string },
): Promise<ServiceCatalog> {
  const catalog = parseServiceCatalog(edit.text);
  const current = await catalogForEditing(s3, config);
  if (current.etag !== edit.etag)
    throw new ConflictError('Someone saved the catalog since you opened it; reload to see their change.');
  const bucket = config.buckets.stream.name;
  const put = (key: string, body: string, contentType: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  for (const language of catalogLanguages) {
    const document = priceListDocument(catalog, language, { sample: false });
    const key = stagedPriceListKey(config, document.file);
    await put(key, document.markdown, 'text/markdown; charset=utf-8');
    const metadata = { metadataAttributes: { ...document.metadata.metadataAttributes, stage: 'staged' } };
    await put(`${key}.metadata.json`, `${JSON.stringify(metadata, null, 2)}\n`, 'application/json');
    // The live price list answers customers until the publish, and leaves the staged view now.
    const liveSidecar = `${config.buckets.stream.knowledgeBasePrefix}${document.file}.metadata.json`;
    const live = await readObject(s3, bucket, liveSidecar);
    if (live) {
      const attributes = (JSON.parse(live.text) as { metadataAttributes?: Record<string, unknown> })
        .metadataAttributes;
      const retiring = { metadataAttributes: { ...attributes, stage: 'retiring' } };
      await put(liveSidecar, `${JSON.stringify(retiring, null, 2)}\n`, 'application/json');
    }
  }
  // The catalog last: a staged catalog always has its price lists staged.
  await put(stagedCatalogKey(config), `${JSON.stringify(catalog, null, 2)}\n`, 'application/json');
  return catalog;
}

/**
 * Publishes the staged catalog, if there is one: written as the live catalog with its price lists
 * (quotes use it within a minute, answers after the ingestion that follows), then the staged copies
 * removed. Repeating it after an interruption finishes the job.
 */
export async function publishStagedCatalog(
  s3: S3Client,
  config: Config,
): Promise<ServiceCatalog | undefined> {
  const staged = await stagedCatalog(s3, config);
  if (!staged) return undefined;
  const catalog = await publishCatalog(s3, config, staged.text, { sample: false });
  const bucket = config.buckets.stream.name;
  for (const language of catalogLanguages) {
    const key = stagedPriceListKey(config, priceListFile(language));
    for (const each of [key, `${key}.metadata.json`])
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: each }));
  }
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: stagedCatalogKey(config) }));
  return catalog;
}

/**
 * Withdraws the staged catalog: its price lists leave the index at the next ingestion and the live
 * ones stop retiring. Customers never saw it, so nothing else changes.
 */
export async function discardStagedCatalog(s3: S3Client, config: Config): Promise<boolean> {
  const staged = await stagedCatalog(s3, config);
  if (!staged) return false;
  const bucket = config.buckets.stream.name;
  for (const language of catalogLanguages) {
    const file = priceListFile(language);
    const key = stagedPriceListKey(config, file);
    for (const each of [key, `${key}.metadata.json`])
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: each }));
    const liveSidecar = `${config.buckets.stream.knowledgeBasePrefix}${file}.metadata.json`;
    const live = await readObject(s3, bucket, liveSidecar);
    if (live) {
      const { stage: _stage, ...attributes } =
        (JSON.parse(live.text) as { metadataAttributes?: Record<string, unknown> }).metadataAttributes ?? {};
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: liveSidecar,
          Body: `${JSON.stringify({ metadataAttributes: attributes }, null, 2)}\n`,
          ContentType: 'application/json',
        }),
      );
    }
  }
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: stagedCatalogKey(config) }));
  return true;
}
