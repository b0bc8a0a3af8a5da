import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/s3.ts';
import { createHash, randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '#core/errors/app-errors.ts';
import {
  documentKey,
  hasPendingChange,
  type KbDocumentFields,
  KbDocumentRecord,
  type KbFileStage,
  knowledgeBaseLibrary,
  metadataSidecar,
} from './kb-document-record.ts';
import { kbFileFormatOf, kbFileFormats } from './kb-file-format.ts';

export interface KbUpload {
  fileName: string;
  bytes: Uint8Array;
  by: string;
}

/** A file under the Knowledge Base prefix that was not uploaded here (starter documents, price lists). */
export interface OtherKbFile {
  name: string;
  sizeBytes: number;
  modifiedAtMs: number;
}

/**
 * The Knowledge Base's documents: each file in `stream.wecare.digital` under the KB prefix, with
 * its Bedrock metadata sidecar, and its record in DocsTable (listed newest first through the
 * `by-library` index, no Scan). Changes are safe to retry: an upload is keyed by its request, a
 * replacement or deletion names the version it changes, and a version's file has its own key.
 */
export class KnowledgeBaseLibrary {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly s3: S3Client,
    private readonly where: { table: string; bucket: string; prefix: string; catalogKey: string },
  ) {}

  static fromConfig(config: Config, clients: AwsClients): KnowledgeBaseLibrary {
    return new KnowledgeBaseLibrary(clients.documents, clients.s3, {
      table: config.tables.docs,
      bucket: config.buckets.stream.name,
      prefix: config.buckets.stream.knowledgeBasePrefix,
      catalogKey: config.buckets.stream.catalogKey,
    });
  }

  async get(id: string): Promise<KbDocumentRecord> {
    const found = await this.find(id);
    if (!found || found.deletedAtMs !== undefined) throw new NotFoundError(`There is no document ${id}`);
    return found;
  }

  async page(query: {
    limit: number;
    cursor?: string;
  }): Promise<{ items: KbDocumentRecord[]; nextCursor?: string }> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.where.table,
        IndexName: 'by-library',
        KeyConditionExpression: 'library = :library',
        ExpressionAttributeValues: { ':library': knowledgeBaseLibrary },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.cursor ? { ExclusiveStartKey: decodeCursor(query.cursor) } : {}),
      }),
    );
    return {
      items: (found.Items ?? []).map((item) => KbDocumentRecord.parse(item)),
      ...(found.LastEvaluatedKey
        ? { nextCursor: Buffer.from(JSON.stringify(found.LastEvaluatedKey)).toString('base64url') }
        : {}),
    };
  }

  /**
   * A new document. The same request again (a retry) finds the document it made; a different file
   * under the same request id is a conflict.
   */
  async add(upload: KbUpload & { fields: KbDocumentFields; requestId?: string }): Promise<KbDocumentRecord> {
    const format = await kbFileFormatOf(upload.bytes, upload.fileName);
    const checksum = sha256(upload.bytes);
    const id = upload.requestId
      ? `kbdoc-${createHash('sha256').update(upload.requestId).digest('hex').slice(0, 20)}`
      : `kbdoc-${randomBytes(10).toString('hex')}`;
    const record: KbDocumentRecord = {
      id,
      library: knowledgeBaseLibrary,
      ...upload.fields,
      version: 1,
      format,
      fileName: upload.fileName.slice(0, 255),
      s3Key: documentKey(this.where.prefix, id, 1, format),
      checksum,
      sizeBytes: upload.bytes.length,
      uploadedBy: upload.by,
      uploadedAtMs: Date.now(),
      stage: 'staged',
    };
    const earlier = await this.find(id);
    if (earlier) return sameUpload(earlier, checksum);
    await this.putFile(record, upload.bytes);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.where.table,
          Item: record,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const raced = await this.find(id);
      if (raced) return sameUpload(raced, checksum);
      throw error;
    }
    return record;
  }

  /**
   * A new version of a document: its file under a new key, then its record moved on from the version
   * the admin saw (409 if someone changed it since), then the old file removed. A file identical to
   * the current one, with the same fields, changes nothing.
   */
  async replace(
    id: string,
    upload: KbUpload & { fields: Partial<KbDocumentFields>; expectedVersion: number },
  ): Promise<KbDocumentRecord> {
    const current = await this.get(id);
    const format = await kbFileFormatOf(upload.bytes, upload.fileName);
    const checksum = sha256(upload.bytes);
    const fields = {
      title: current.title,
      language: current.language,
      owner: current.owner,
      ...upload.fields,
    };
    const unchanged =
      checksum === current.checksum &&
      fields.title === current.title &&
      fields.language === current.language &&
      fields.owner === current.owner;
    if (current.version === upload.expectedVersion + 1 && unchanged) return current;
    expectVersion(current, upload.expectedVersion);
    if (unchanged) return current;
    const version = current.version + 1;
    // The live version stays in the customers' answers until the new one is published.
    const retiringS3Key = current.stage === 'live' ? current.s3Key : current.retiringS3Key;
    const record: KbDocumentRecord = {
      ...current,
      ...fields,
      version,
      format,
      fileName: upload.fileName.slice(0, 255),
      s3Key: documentKey(this.where.prefix, id, version, format),
      checksum,
      sizeBytes: upload.bytes.length,
      uploadedBy: upload.by,
      uploadedAtMs: Date.now(),
      stage: 'staged',
      ...(retiringS3Key ? { retiringS3Key } : {}),
    };
    await this.putFile(record, upload.bytes);
    if (!(await this.putIfStill(record, current.version))) {
      await this.deleteFiles([record.s3Key]);
      throw new ConflictError(
        'The document changed while the new version was uploading; reload and try again.',
      );
    }
    if (current.stage === 'live') await this.putSidecar(current, 'retiring');
    // A staged version replaced before it was published was never in an answer: it just goes.
    else if (current.s3Key !== record.s3Key) await this.deleteFiles([current.s3Key]);
    return record;
  }

  /**
   * Takes a document out: its record marked deleted (kept until an ingestion has removed it from
   * the index), then its file and sidecar deleted. Deleting it again finishes what a failed try left.
   */
  async remove(id: string, input: { expectedVersion: number; by: string }): Promise<KbDocumentRecord> {
    const current = await this.find(id);
    if (!current) throw new NotFoundError(`There is no document ${id}`);
    if (current.deletedAtMs !== undefined) return current;
    expectVersion(current, input.expectedVersion);
    const live = current.stage === 'live' ? current.s3Key : current.retiringS3Key;
    if (!live) {
      // Never published: it was never in an answer, so it goes now, record and all.
      await this.deleteFiles([current.s3Key]);
      await this.documents.send(
        new DeleteCommand({
          TableName: this.where.table,
          Key: { id },
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': current.version },
        }),
      );
      return { ...current, deletedAtMs: Date.now(), deletedBy: input.by };
    }
    // Published: customers keep it until the deletion is published; a staged version just goes.
    const { retiringS3Key: _retiring, ...rest } = current;
    const removed: KbDocumentRecord = {
      ...rest,
      s3Key: live,
      stage: 'live',
      deletedAtMs: Date.now(),
      deletedBy: input.by,
    };
    if (!(await this.putIfStill(removed, current.version)))
      throw new ConflictError('The document changed while it was being deleted; reload and try again.');
    if (current.s3Key !== live) await this.deleteFiles([current.s3Key]);
    await this.putSidecar(removed, 'retiring');
    return removed;
  }

  /**
   * Publishes every pending change (or those of the documents named): a staged version becomes live and the version it replaces is
   * taken out; a deleted document's file is taken out. The ingestion that follows puts that in the
   * customers' answers. Safe to repeat: each step finds what an interrupted one left.
   */
  async publish(options: { only?: readonly string[] } = {}): Promise<{ published: number }> {
    const pending = (await this.pending()).filter(
      (record) => !options.only || options.only.includes(record.id),
    );
    for (const record of pending) await this.publishOne(record);
    return { published: pending.length };
  }

  /** This library's documents (its prefix) with a change waiting to be published. */
  async pending(): Promise<KbDocumentRecord[]> {
    const pending: KbDocumentRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page({ limit: 100, ...(cursor ? { cursor } : {}) });
      pending.push(
        ...page.items.filter(
          (record) => record.s3Key.startsWith(this.where.prefix) && hasPendingChange(record),
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    return pending;
  }

  private async publishOne(record: KbDocumentRecord): Promise<void> {
    const publishedAtMs = Date.now();
    if (record.deletedAtMs !== undefined) {
      await this.deleteFiles([record.s3Key, ...(record.retiringS3Key ? [record.retiringS3Key] : [])]);
    } else {
      await this.putSidecar(record, 'live');
      if (record.retiringS3Key) await this.deleteFiles([record.retiringS3Key]);
    }
    const { retiringS3Key: _retired, ...rest } = record;
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.where.table,
          Item: { ...rest, stage: 'live', publishedAtMs },
          ConditionExpression: 'version = :seen',
          ExpressionAttributeValues: { ':seen': record.version },
        }),
      );
    } catch (error) {
      // Changed meanwhile (a new version staged): that change waits for the next publish.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Drops the record of a deleted document once an ingestion has taken it out of the index. */
  async forget(record: KbDocumentRecord): Promise<void> {
    if (record.deletedAtMs === undefined) return;
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.where.table,
          Key: { id: record.id },
          ConditionExpression: 'deletedAtMs = :deleted',
          ExpressionAttributeValues: { ':deleted': record.deletedAtMs },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Files under the prefix that were not uploaded here (the starter documents, the price lists the
   * catalog generates), so that an admin sees everything the bot answers from.
   */
  async otherFiles(): Promise<OtherKbFile[]> {
    const files: OtherKbFile[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.where.bucket,
          Prefix: this.where.prefix,
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.where.prefix.length) ?? '';
        if (!name || name.includes('/') || name.endsWith('.metadata.json')) continue;
        files.push({ name, sizeBytes: object.Size ?? 0, modifiedAtMs: object.LastModified?.getTime() ?? 0 });
      }
      token = page.NextContinuationToken;
    } while (token && files.length < 1000);
    return files;
  }

  /** Deletes one of those files (and its sidecar): a starter document the business does not want. */
  async removeOtherFile(name: string): Promise<void> {
    if (!/^[\w.-]+$/.test(name) || name.endsWith('.metadata.json'))
      throw new ValidationError('name: not a file of the Knowledge Base', { details: { field: 'name' } });
    if (!(await this.otherFiles()).some((file) => file.name === name))
      throw new NotFoundError(`There is no file ${name} in the Knowledge Base`);
    await this.deleteFiles([`${this.where.prefix}${name}`]);
  }

  /** Writes the record if the stored one is still the version read and not deleted; false if not. */
  private async putIfStill(record: KbDocumentRecord, seenVersion: number): Promise<boolean> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.where.table,
          Item: record,
          ConditionExpression: 'version = :seen AND attribute_not_exists(deletedAtMs)',
          ExpressionAttributeValues: { ':seen': seenVersion },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async find(id: string): Promise<KbDocumentRecord | undefined> {
    const found = await this.documents.send(new GetCommand({ TableName: this.where.table, Key: { id } }));
    return found.Item ? KbDocumentRecord.parse(found.Item) : undefined;
  }

  /** The file, then its sidecar: a sidecar never names a file that is not there. */
  private async putFile(record: KbDocumentRecord, bytes: Uint8Array): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.where.bucket,
        Key: record.s3Key,
        Body: bytes,
        ContentType: kbFileFormats[record.format].contentType,
        ChecksumAlgorithm: 'SHA256',
      }),
    );
    await this.putSidecar(record, 'staged');
  }

  /** The file's metadata for Bedrock: its title and language, and its stage (who may be answered from it). */
  private async putSidecar(record: KbDocumentRecord, stage: KbFileStage): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.where.bucket,
        Key: `${record.s3Key}.metadata.json`,
        Body: metadataSidecar(record, stage),
        ContentType: 'application/json',
      }),
    );
  }

  /**
   * Each file, then its sidecar, one at a time (s3rver's DeleteObjects races with itself when the
   * deletions empty a folder; one DeleteObject each behaves the same on S3 and locally).
   */
  private async deleteFiles(keys: readonly string[]): Promise<void> {
    for (const key of keys.flatMap((file) => [file, `${file}.metadata.json`]))
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.where.bucket, Key: key }));
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A change names the version it was made to: 409 when the document has moved on since. */
function expectVersion(current: KbDocumentRecord, expectedVersion: number): void {
  if (current.version !== expectedVersion)
    throw new ConflictError(
      `The document changed since you opened it (now version ${current.version}); reload and try again.`,
      { details: { version: current.version } },
    );
}

function sameUpload(earlier: KbDocumentRecord, checksum: string): KbDocumentRecord {
  if (earlier.checksum !== checksum || earlier.deletedAtMs !== undefined)
    throw new ConflictError('This request already uploaded a different document.');
  return earlier;
}

const Cursor = z.object({
  id: z.string().regex(/^kbdoc-[0-9a-f]{20}$/),
  library: z.literal(knowledgeBaseLibrary),
  uploadedAtMs: z.number().int(),
});

function decodeCursor(cursor: string): z.infer<typeof Cursor> {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('cursor: not a cursor this list gave out', { details: { field: 'cursor' } });
  }
}
