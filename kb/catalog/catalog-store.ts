import '#core/aws/clients/s3.ts';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';
import { ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import { priceListDocument } from './price-list-document.ts';
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

/** The catalog as stored, for an admin to edit, with the ETag that a save must still find. */
export async function catalogForEditing(
  s3: S3Client,
  config: Config,
): Promise<{ text: string; etag: string }> {
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: config.buckets.stream.name, Key: config.buckets.stream.catalogKey }),
    );
    return { text: (await object.Body?.transformToString('utf-8')) ?? '', etag: object.ETag ?? '' };
  } catch (error) {
    if (error instanceof NoSuchKey) return { text: '', etag: '' };
    throw classifyAwsError(error, 'GetObject');
  }
}

/**
 * An admin's edit of the catalog: validated (a catalog that does not parse is a 400 naming each
 * problem, and nothing is written), refused with 409 if someone saved another since it was opened,
 * then published with its price lists.
 */
export async function saveEditedCatalog(
  s3: S3Client,
  config: Config,
  edit: { text: string; etag: string },
): Promise<ServiceCatalog> {
  parseServiceCatalog(edit.text);
  const current = await catalogForEditing(s3, config);
  if (current.etag !== edit.etag)
    throw new ConflictError('Someone saved the catalog since you opened it; reload to see their change.');
  return publishCatalog(s3, config, edit.text, { sample: false });
}
