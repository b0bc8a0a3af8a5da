import '#core/aws/clients/bedrock-agent.ts';
import {
  type BedrockAgentClient,
  GetIngestionJobCommand,
  type IngestionJob,
  type IngestionJobSummary,
  ListDataSourcesCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
} from '@aws-sdk/client-bedrock-agent';
import type { Config } from '#core/config/config-schema.ts';
import { NotFoundError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';

/** An ingestion job as the console shows it. */
export interface IngestionJobView {
  id: string;
  status: 'STARTING' | 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'STOPPING' | 'STOPPED';
  startedAtMs: number;
  updatedAtMs: number;
  statistics: {
    scanned: number;
    newIndexed: number;
    modifiedIndexed: number;
    deleted: number;
    failed: number;
  };
  /** Why files or the job failed (as Bedrock words it: the file's S3 URI, then the reason). */
  failureReasons: string[];
}

export const runningStatuses: ReadonlySet<IngestionJobView['status']> = new Set([
  'STARTING',
  'IN_PROGRESS',
  'STOPPING',
]);

/**
 * Ingestion of the business's Knowledge Base (FZBPKGTOYE; the stand-in locally) through Agents for
 * Amazon Bedrock: start a job on its S3 data source, follow it, list the recent ones. A start is
 * idempotent per request (its id is the client token), so a retried click starts one job.
 */
export class KnowledgeBaseIngestion {
  private dataSourceId: string | undefined;

  constructor(
    private readonly agent: BedrockAgentClient,
    private readonly knowledgeBaseId: string,
    dataSourceId?: string,
  ) {
    this.dataSourceId = dataSourceId;
  }

  static fromConfig(agent: BedrockAgentClient, config: Config): KnowledgeBaseIngestion {
    return new KnowledgeBaseIngestion(agent, config.bedrock.knowledgeBaseId, config.bedrock.dataSourceId);
  }

  async start(requestId: string): Promise<IngestionJobView> {
    const dataSourceId = await this.dataSource();
    const started = await this.call('StartIngestionJob', () =>
      this.agent.send(
        new StartIngestionJobCommand({
          knowledgeBaseId: this.knowledgeBaseId,
          dataSourceId,
          // At least 33 characters, as Bedrock requires of a client token.
          clientToken: `wecare-console-${requestId}`,
          description: 'Started from the console',
        }),
      ),
    );
    return jobView(started.ingestionJob);
  }

  async job(ingestionJobId: string): Promise<IngestionJobView> {
    const dataSourceId = await this.dataSource();
    const found = await this.call('GetIngestionJob', () =>
      this.agent.send(
        new GetIngestionJobCommand({ knowledgeBaseId: this.knowledgeBaseId, dataSourceId, ingestionJobId }),
      ),
    );
    return jobView(found.ingestionJob);
  }

  /**
   * The latest jobs, newest first. A job that failed files is read whole (the list leaves out its
   * failure reasons), so that a document can show why it is not in the index.
   */
  async recent(limit = 5): Promise<IngestionJobView[]> {
    const dataSourceId = await this.dataSource();
    const listed = await this.call('ListIngestionJobs', () =>
      this.agent.send(
        new ListIngestionJobsCommand({
          knowledgeBaseId: this.knowledgeBaseId,
          dataSourceId,
          sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
          maxResults: limit,
        }),
      ),
    );
    return Promise.all(
      (listed.ingestionJobSummaries ?? []).map((summary) =>
        (summary.statistics?.numberOfDocumentsFailed ?? 0) > 0 && summary.ingestionJobId
          ? this.job(summary.ingestionJobId)
          : jobView(summary),
      ),
    );
  }

  /** The KB's S3 data source: configured, or the one ListDataSources names (looked up once). */
  private async dataSource(): Promise<string> {
    if (this.dataSourceId) return this.dataSourceId;
    const listed = await this.call('ListDataSources', () =>
      this.agent.send(new ListDataSourcesCommand({ knowledgeBaseId: this.knowledgeBaseId, maxResults: 10 })),
    );
    const available = (listed.dataSourceSummaries ?? []).filter((source) => source.status === 'AVAILABLE');
    const only = available.length === 1 ? available[0]?.dataSourceId : undefined;
    if (!only)
      throw new NotFoundError(
        `The Knowledge Base ${this.knowledgeBaseId} has ${available.length} available data sources; set WECARE_KB_DATA_SOURCE_ID to the one to ingest`,
      );
    this.dataSourceId = only;
    return only;
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw classifyAwsError(error, operation);
    }
  }
}

function jobView(job: IngestionJob | IngestionJobSummary | undefined): IngestionJobView {
  const statistics = job?.statistics;
  return {
    id: job?.ingestionJobId ?? '',
    status: (job?.status ?? 'FAILED') as IngestionJobView['status'],
    startedAtMs: job?.startedAt?.getTime() ?? 0,
    updatedAtMs: job?.updatedAt?.getTime() ?? 0,
    statistics: {
      scanned: statistics?.numberOfDocumentsScanned ?? 0,
      newIndexed: statistics?.numberOfNewDocumentsIndexed ?? 0,
      modifiedIndexed: statistics?.numberOfModifiedDocumentsIndexed ?? 0,
      deleted: statistics?.numberOfDocumentsDeleted ?? 0,
      failed: statistics?.numberOfDocumentsFailed ?? 0,
    },
    failureReasons: job && 'failureReasons' in job ? (job.failureReasons ?? []) : [],
  };
}
