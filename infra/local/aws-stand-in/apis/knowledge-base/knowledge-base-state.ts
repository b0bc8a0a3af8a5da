import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '#core/config/config-schema.ts';
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
  private indexedKeys = new Set<string>();
  private readonly jobs = new Map<string, IngestionJob>();

  constructor(
    readonly config: Config,
    private readonly s3: S3Client,
  ) {}

  get index(): KnowledgeIndex {
    return this.current;
  }

  /** Reads the documents and builds a fresh index; returns what changed. */
  async rebuild(): Promise<IngestionJob['statistics']> {
    const documents = await loadKbDocuments(
      this.s3,
      this.config.buckets.stream.name,
      this.config.buckets.stream.knowledgeBasePrefix,
    );
    const keys = new Set(documents.map((document) => document.key));
    const statistics = {
      numberOfDocumentsScanned: documents.length,
      numberOfNewDocumentsIndexed: [...keys].filter((key) => !this.indexedKeys.has(key)).length,
      numberOfModifiedDocumentsIndexed: [...keys].filter((key) => this.indexedKeys.has(key)).length,
      numberOfDocumentsDeleted: [...this.indexedKeys].filter((key) => !keys.has(key)).length,
      numberOfDocumentsFailed: 0,
    };
    this.current = KnowledgeIndex.build(documents);
    this.indexedKeys = keys;
    return statistics;
  }

  startIngestion(knowledgeBaseId: string, dataSourceId: string): IngestionJob {
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
    job.status = 'IN_PROGRESS';
    void this.rebuild().then(
      (statistics) =>
        Object.assign(job, { status: 'COMPLETE', statistics, updatedAt: new Date().toISOString() }),
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
}
