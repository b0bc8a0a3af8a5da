import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';
import { AwsServiceError } from '../../stand-in-api.ts';
import { KnowledgeIndex } from './index/knowledge-index.ts';
import { loadKbDocuments } from './index/load-kb-documents.ts';

export interface IngestionJob {
  knowledgeBaseId: string;
  dataSourceId: string;
  ingestionJobId: string;
  status: 'STARTING' | 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
  startedAt: string;
  updatedAt: string;
  statistics: {
    numberOfDocumentsScanned: number;
    numberOfNewDocumentsIndexed: number;
    numberOfModifiedDocumentsIndexed: number;
    numberOfDocumentsDeleted: number;
    numberOfDocumentsFailed: number;
  };
  failureReasons: string[];
}

/**
 * The local Knowledge Base: the documents under the KB prefix of the stream bucket, indexed. An
 * ingestion job re-reads them and swaps the index in when done, as a Bedrock KB sync does.
 */
export class KnowledgeBaseState {
  private current = KnowledgeIndex.build([]);
  /** What each indexed document was when indexed (its revision), by key. */
  private indexed = new Map<string, string>();
  private readonly jobs = new Map<string, IngestionJob>();
  private readonly jobByToken = new Map<string, IngestionJob>();

  constructor(
    readonly config: Config,
    private readonly s3: S3Client,
  ) {}

  get index(): KnowledgeIndex {
    return this.current;
  }

  /** Reads the documents and builds a fresh index; returns what changed. */
  async rebuild(): Promise<{ statistics: IngestionJob['statistics']; failureReasons: string[] }> {
    const { documents, failures } = await loadKbDocuments(
      this.s3,
      this.config.buckets.stream.name,
      this.config.buckets.stream.knowledgeBasePrefix,
    );
    const now = new Map(documents.map((document) => [document.key, document.revision]));
    // As Bedrock counts them: new, changed since the last sync (unchanged ones are not re-indexed), gone.
    const statistics = {
      numberOfDocumentsScanned: documents.length + failures.length,
      numberOfNewDocumentsIndexed: [...now.keys()].filter((key) => !this.indexed.has(key)).length,
      numberOfModifiedDocumentsIndexed: [...now].filter(
        ([key, revision]) => this.indexed.has(key) && this.indexed.get(key) !== revision,
      ).length,
      numberOfDocumentsDeleted: [...this.indexed.keys()].filter((key) => !now.has(key)).length,
      numberOfDocumentsFailed: failures.length,
    };
    this.current = KnowledgeIndex.build(documents);
    this.indexed = now;
    return {
      statistics,
      // As Bedrock words them: the file, then why.
      failureReasons: failures.map((failure) => `${failure.key}: ${failure.reason}`).slice(0, 50),
    };
  }

  /**
   * Starts a job, or (the same client token again, as the SDK's retries send it) returns the job that
   * token started: Bedrock's idempotency.
   */
  startIngestion(knowledgeBaseId: string, dataSourceId: string, clientToken?: string): IngestionJob {
    const earlier = clientToken ? this.jobByToken.get(clientToken) : undefined;
    if (earlier) return { ...earlier };
    if (this.runningJob())
      throw new AwsServiceError(
        'ConflictException',
        409,
        'An ingestion job is already running for this data source',
      );
    const now = new Date().toISOString();
    const job: IngestionJob = {
      knowledgeBaseId,
      dataSourceId,
      ingestionJobId: randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase(),
      status: 'STARTING',
      startedAt: now,
      updatedAt: now,
      statistics: {
        numberOfDocumentsScanned: 0,
        numberOfNewDocumentsIndexed: 0,
        numberOfModifiedDocumentsIndexed: 0,
        numberOfDocumentsDeleted: 0,
        numberOfDocumentsFailed: 0,
      },
      failureReasons: [],
    };
    this.jobs.set(job.ingestionJobId, job);
    if (clientToken) this.jobByToken.set(clientToken, job);
    job.status = 'IN_PROGRESS';
    void this.rebuild().then(
      ({ statistics, failureReasons }) =>
        Object.assign(job, {
          status: 'COMPLETE',
          statistics,
          failureReasons,
          updatedAt: new Date().toISOString(),
        }),
      (error: unknown) =>
        Object.assign(job, {
          status: 'FAILED',
          failureReasons: [String(error)],
          updatedAt: new Date().toISOString(),
        }),
    );
    return { ...job };
  }

  runningJob(): IngestionJob | undefined {
    return [...this.jobs.values()].find((job) => job.status === 'STARTING' || job.status === 'IN_PROGRESS');
  }

  job(id: string): IngestionJob | undefined {
    const job = this.jobs.get(id);
    return job ? { ...job } : undefined;
  }

  /** Jobs newest first, as ListIngestionJobs sorted by STARTED_AT descending. */
  recentJobs(): IngestionJob[] {
    return [...this.jobs.values()].reverse().map((job) => ({ ...job }));
  }
}
