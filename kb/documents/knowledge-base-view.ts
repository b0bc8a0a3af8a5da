import '#core/aws/clients/bedrock-agent.ts';
import '#core/aws/clients/bedrock-agent-runtime.ts';
import '#core/aws/clients/s3.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { publishStagedCatalog, stagedCatalog } from '../catalog/catalog-store.ts';
import { type GateReport, GateReportStore, stagedChanges } from '../gate/gate-report-store.ts';
import { PassageRetriever } from '../retrieve-passages.ts';
import { type DocumentStatus, documentStatus } from './document-status.ts';
import type { KbDocumentRecord } from './kb-document-record.ts';
import { type IngestionJobView, KnowledgeBaseIngestion } from './kb-ingestion.ts';
import { KnowledgeBaseLibrary, type OtherKbFile } from './kb-library.ts';

export interface KnowledgeBaseView {
  documents: (KbDocumentRecord & { status: DocumentStatus })[];
  nextCursor?: string;
  /** The latest ingestion jobs, newest first. */
  jobs: IngestionJobView[];
  /** Files under the prefix not uploaded here: starter documents, the catalog's price lists. */
  otherFiles: OtherKbFile[];
  /** How many changes wait to be published: documents, and the catalog. */
  staged: number;
  /** Whether an edit of the service catalog waits to be published. */
  catalogStaged: boolean;
  /** The latest evaluation of the staged changes, and whether it judged the ones staged now. */
  evaluation?: { report: GateReport; current: boolean };
}

/** The Knowledge Base as the console shows it: what it answers from, and what is in the index. */
export function knowledgeBaseDesk(config: Config, clients: AwsClients) {
  return {
    library: KnowledgeBaseLibrary.fromConfig(config, clients),
    ingestion: KnowledgeBaseIngestion.fromConfig(clients.bedrockAgent, config),
    retriever: new PassageRetriever(clients.bedrockAgentRuntime, config),
    retrieval: { results: config.agent.retrievalResults, minScore: config.agent.retrievalMinScore },
    gateReports: GateReportStore.fromConfig(clients.s3, config),
    stagedCatalog: () => stagedCatalog(clients.s3, config),
    publishStagedCatalog: () => publishStagedCatalog(clients.s3, config),
  };
}
export type KnowledgeBaseDesk = ReturnType<typeof knowledgeBaseDesk>;

/**
 * A page of documents, each with where it stands against the recent jobs. A deleted document that
 * an ingestion has taken out of the index is not shown, and its record is dropped.
 */
export async function knowledgeBaseView(
  desk: KnowledgeBaseDesk,
  query: { limit: number; cursor?: string },
): Promise<KnowledgeBaseView> {
  const [page, jobs, otherFiles, pending, report, catalog] = await Promise.all([
    desk.library.page(query),
    desk.ingestion.recent(),
    query.cursor ? Promise.resolve([]) : desk.library.otherFiles(),
    desk.library.pending(),
    desk.gateReports.latest(),
    desk.stagedCatalog(),
  ]);
  const documents: KnowledgeBaseView['documents'] = [];
  for (const record of page.items) {
    const status = documentStatus(record, jobs);
    if (status.state === 'removed') await desk.library.forget(record);
    else documents.push({ ...record, status });
  }
  return {
    documents,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    jobs,
    otherFiles,
    staged: pending.length + (catalog ? 1 : 0),
    catalogStaged: catalog !== undefined,
    ...(report
      ? { evaluation: { report, current: report.staged === stagedChanges(pending, catalog?.etag) } }
      : {}),
  };
}
