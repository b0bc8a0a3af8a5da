import { expect } from 'vitest';
import { ConflictError } from '#core/errors/app-errors.ts';
import type { IngestionJobView, KnowledgeBaseIngestion } from '#kb/documents/kb-ingestion.ts';

/** Starts a job once the Knowledge Base is free (other tests share it), then follows it to its end. */
export async function ingest(ingestion: KnowledgeBaseIngestion): Promise<IngestionJobView> {
  const requestId = crypto.randomUUID();
  let job: IngestionJobView | undefined;
  for (let attempt = 0; !job; attempt += 1) {
    try {
      job = await ingestion.start(requestId);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // A retried start (same request) is the same job, not a second one.
  expect((await ingestion.start(requestId)).id).toBe(job.id);
  while (job.status === 'STARTING' || job.status === 'IN_PROGRESS') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = await ingestion.job(job.id);
  }
  return job;
}
