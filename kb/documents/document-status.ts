import { hasPendingChange, type KbDocumentRecord } from './kb-document-record.ts';
import { type IngestionJobView, runningStatuses } from './kb-ingestion.ts';

export type DocumentStatus =
  /** A change not yet published: customers are answered from what was there before it. */
  | { state: 'staged'; change: 'new' | 'replaced' | 'removed' }
  | { state: 'waiting' }
  | { state: 'ingesting'; jobId: string }
  | { state: 'indexed'; jobId: string; atMs: number }
  | { state: 'failed'; jobId: string; reason: string }
  | { state: 'removing' }
  | { state: 'removed'; jobId: string };

/**
 * Where a document stands with the index, from the recent ingestion jobs (newest first): a job
 * reads the bucket as it runs, so only a job started after the upload (or the deletion) can have
 * taken the change in. Nothing is written back: the jobs are the record of what was ingested.
 */
export function documentStatus(record: KbDocumentRecord, jobs: readonly IngestionJobView[]): DocumentStatus {
  if (hasPendingChange(record)) {
    const change = record.deletedAtMs !== undefined ? 'removed' : record.retiringS3Key ? 'replaced' : 'new';
    // A staged file the index could not read says so before anyone publishes it.
    const indexed = jobs.find((job) => job.startedAtMs >= record.uploadedAtMs && job.status === 'COMPLETE');
    const reason =
      change === 'removed' ? undefined : indexed?.failureReasons.find((text) => text.includes(record.s3Key));
    return reason && indexed ? { state: 'failed', jobId: indexed.id, reason } : { state: 'staged', change };
  }
  // Published: what counts is the ingestion after the publish (records from before staging: the upload).
  const changedAtMs = record.publishedAtMs ?? record.deletedAtMs ?? record.uploadedAtMs;
  const since = jobs.filter((job) => job.startedAtMs >= changedAtMs);
  const complete = since.find((job) => job.status === 'COMPLETE');
  const running = since.find((job) => runningStatuses.has(job.status));
  if (record.deletedAtMs !== undefined)
    return complete ? { state: 'removed', jobId: complete.id } : { state: 'removing' };
  if (complete) {
    const reason = complete.failureReasons.find((text) => text.includes(record.s3Key));
    return reason
      ? { state: 'failed', jobId: complete.id, reason }
      : { state: 'indexed', jobId: complete.id, atMs: complete.updatedAtMs };
  }
  if (running) return { state: 'ingesting', jobId: running.id };
  const failed = since.find((job) => job.status === 'FAILED');
  if (failed)
    return {
      state: 'failed',
      jobId: failed.id,
      reason: failed.failureReasons[0] ?? 'The ingestion job failed',
    };
  return { state: 'waiting' };
}
