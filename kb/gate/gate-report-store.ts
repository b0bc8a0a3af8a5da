import '#core/aws/clients/s3.ts';
import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { Config } from '#core/config/config-schema.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import type { KbDocumentRecord } from '#kb/documents/kb-document-record.ts';
import type { StagedEvaluation } from './staged-evaluation.ts';

/** The latest evaluation of the staged changes, with which changes it evaluated and who asked. */
export interface GateReport extends StagedEvaluation {
  /** The staged changes it judged (`stagedChanges`): a later change makes it out of date. */
  staged: string;
  by: string;
}

/**
 * Which changes are staged: each pending document's id, version and whether it is a deletion, and
 * the staged catalog's ETag.
 */
export function stagedChanges(pending: readonly KbDocumentRecord[], catalogEtag?: string): string {
  const changes = [
    ...pending.map(
      (record) => `${record.id}@${record.version}${record.deletedAtMs !== undefined ? '-' : ''}`,
    ),
    ...(catalogEtag ? [`catalog@${catalogEtag}`] : []),
  ].sort();
  return createHash('sha256').update(changes.join(',')).digest('hex').slice(0, 16);
}

const Stored = z
  .object({
    staged: z.string(),
    by: z.string(),
    atMs: z.number(),
    cases: z.number(),
    worse: z.number(),
    better: z.number(),
    sourcesChanged: z.number(),
    rows: z.array(z.looseObject({ id: z.string(), verdict: z.string() })),
  })
  .loose();

/** Kept in the stream bucket under the reports prefix (`kb-gate/latest.json`). */
export class GateReportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly where: { bucket: string; key: string },
  ) {}

  static fromConfig(s3: S3Client, config: Config): GateReportStore {
    return new GateReportStore(s3, {
      bucket: config.buckets.stream.name,
      key: `${config.buckets.stream.reportsPrefix}kb-gate/latest.json`,
    });
  }

  async save(report: GateReport): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.where.bucket,
          Key: this.where.key,
          Body: JSON.stringify(report),
          ContentType: 'application/json',
        }),
      );
    } catch (error) {
      throw classifyAwsError(error, 'PutObject');
    }
  }

  /** The latest report, or undefined when there is none (or one this version cannot read). */
  async latest(): Promise<GateReport | undefined> {
    let text: string;
    try {
      const object = await this.s3.send(
        new GetObjectCommand({ Bucket: this.where.bucket, Key: this.where.key }),
      );
      text = (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw classifyAwsError(error, 'GetObject');
    }
    try {
      return Stored.safeParse(JSON.parse(text)).success ? (JSON.parse(text) as GateReport) : undefined;
    } catch {
      return undefined;
    }
  }
}
