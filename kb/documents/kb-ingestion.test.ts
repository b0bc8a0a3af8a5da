import { describe, expect, it } from 'vitest';
import { ingest as ingestOnce } from '../../test/kb-ingest.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { docxWithText, sampleFiles } from '../../test/sample-files.ts';
import { PassageRetriever } from '../retrieve-passages.ts';
import { documentStatus } from './document-status.ts';
import { type IngestionJobView, KnowledgeBaseIngestion } from './kb-ingestion.ts';
import { KnowledgeBaseLibrary } from './kb-library.ts';

const config = testConfig();
const clients = testClients();
const library = KnowledgeBaseLibrary.fromConfig(config, clients);
const ingestion = KnowledgeBaseIngestion.fromConfig(clients.bedrockAgent, config);
const retriever = new PassageRetriever(clients.bedrockAgentRuntime, config);

const ingest = () => ingestOnce(ingestion);

describe('Knowledge Base ingestion through Agents for Amazon Bedrock (the stand-in, real SDK client)', () => {
  it('indexes an uploaded Word document: its status follows the job, and the bot retrieves it by its title', async () => {
    const marker = unique('rakhi').replace(/[^a-z0-9]/g, '');
    const record = await library.add({
      fileName: 'rakhi-offer.docx',
      bytes: docxWithText([`The ${marker} festival offer gives a free logo with every Website Starter.`]),
      by: 'admin-1',
      fields: { title: 'Festival offers', language: 'en', owner: 'Marketing' },
      requestId: unique('upload'),
    });
    const question = `${marker} festival offer`;
    const found = async (view: 'customers' | 'staged') =>
      (await retriever.retrieve(question, { language: 'en', view })).some((passage) =>
        passage.text.includes(marker),
      );
    expect(documentStatus(record, await ingestion.recent())).toEqual({ state: 'staged', change: 'new' });

    // Indexed while staged: in the staged view for an evaluation, in no customer's answer.
    const job = await ingest();
    expect(job.status).toBe('COMPLETE');
    expect(job.statistics.scanned).toBeGreaterThan(0);
    const recent = await ingestion.recent();
    expect(recent[0]?.startedAtMs).toBeGreaterThanOrEqual(job.startedAtMs);
    expect(recent.map((each) => each.id)).toContain(job.id);
    expect(documentStatus(record, recent)).toEqual({ state: 'staged', change: 'new' });
    expect(await found('staged')).toBe(true);
    expect(await found('customers')).toBe(false);

    await library.publish({ only: [record.id] });
    const published = await library.get(record.id);
    expect(documentStatus(published, await ingestion.recent())).toEqual({ state: 'waiting' });
    await ingest();
    expect(documentStatus(published, await ingestion.recent())).toMatchObject({ state: 'indexed' });
    const [best] = await retriever.retrieve(question, { language: 'en' });
    expect(best?.text).toContain(marker);
    expect(best?.citation).toBe('Festival offers');

    // A deletion is staged too: customers keep the document until it is published.
    const removed = await library.remove(record.id, { expectedVersion: 1, by: 'admin-1' });
    expect(documentStatus(removed, await ingestion.recent())).toEqual({ state: 'staged', change: 'removed' });
    await ingest();
    expect(await found('customers')).toBe(true);
    expect(await found('staged')).toBe(false);
    await library.publish({ only: [record.id] });
    const gone = (await library.page({ limit: 100 })).items.find((each) => each.id === record.id);
    expect(gone && documentStatus(gone, await ingestion.recent())).toEqual({ state: 'removing' });
    await ingest();
    expect(gone && documentStatus(gone, await ingestion.recent())).toMatchObject({ state: 'removed' });
    expect(await found('customers')).toBe(false);
  });

  it("shows a file the index could not read as failed, with the job's reason", async () => {
    const record = await library.add({
      fileName: 'old-price-list.doc',
      bytes: sampleFiles.compound,
      by: 'admin-1',
      fields: { title: 'Old price list', language: 'en', owner: 'Sales' },
      requestId: unique('upload'),
    });
    try {
      const job = await ingest();
      expect(job.statistics.failed).toBeGreaterThan(0);
      const status = documentStatus(record, await ingestion.recent());
      expect(status).toMatchObject({ state: 'failed', jobId: job.id });
      expect(status.state === 'failed' && status.reason).toContain(record.s3Key);
    } finally {
      await library.remove(record.id, { expectedVersion: 1, by: 'admin-1' });
    }
  });
});

describe('documentStatus', () => {
  const record = {
    id: 'kbdoc-00000000000000000000',
    library: 'knowledge-base',
    title: 'FAQ',
    language: 'en',
    owner: 'Ops',
    version: 1,
    format: 'markdown',
    fileName: 'faq.md',
    s3Key: 'kb/documents/kbdoc-00000000000000000000-v1.md',
    checksum: '0'.repeat(64),
    sizeBytes: 10,
    uploadedBy: 'a',
    uploadedAtMs: 1000,
    stage: 'live',
  } as const;
  const job = (
    id: string,
    status: IngestionJobView['status'],
    startedAtMs: number,
    failureReasons: string[] = [],
  ) => ({
    id,
    status,
    startedAtMs,
    updatedAtMs: startedAtMs + 10,
    statistics: { scanned: 1, newIndexed: 0, modifiedIndexed: 0, deleted: 0, failed: failureReasons.length },
    failureReasons,
  });

  it('counts only jobs started after the change', () => {
    expect(documentStatus(record, [job('OLD', 'COMPLETE', 999)])).toEqual({ state: 'waiting' });
    expect(documentStatus(record, [job('RUN', 'IN_PROGRESS', 1001), job('OLD', 'COMPLETE', 999)])).toEqual({
      state: 'ingesting',
      jobId: 'RUN',
    });
    expect(documentStatus(record, [job('RUN', 'IN_PROGRESS', 1002), job('DONE', 'COMPLETE', 1001)])).toEqual({
      state: 'indexed',
      jobId: 'DONE',
      atMs: 1011,
    });
  });

  it('names the failure: of this file in a complete job, or of the whole job', () => {
    expect(
      documentStatus(record, [
        job('DONE', 'COMPLETE', 1001, [`s3://bucket/${record.s3Key}: broken`, 'other']),
      ]),
    ).toEqual({ state: 'failed', jobId: 'DONE', reason: `s3://bucket/${record.s3Key}: broken` });
    expect(
      documentStatus(record, [job('DONE', 'COMPLETE', 1001, ['s3://bucket/other.md: broken'])]),
    ).toMatchObject({
      state: 'indexed',
    });
    expect(documentStatus(record, [job('BAD', 'FAILED', 1001, ['Access denied'])])).toEqual({
      state: 'failed',
      jobId: 'BAD',
      reason: 'Access denied',
    });
  });

  it('shows a change as staged until it is published, and a staged file the index could not read as failed', () => {
    const staged = { ...record, stage: 'staged' as const };
    expect(documentStatus(staged, [job('DONE', 'COMPLETE', 1001)])).toEqual({
      state: 'staged',
      change: 'new',
    });
    expect(
      documentStatus({ ...staged, retiringS3Key: 'kb/documents/kbdoc-00000000000000000000-v0.md' }, []),
    ).toEqual({ state: 'staged', change: 'replaced' });
    expect(
      documentStatus(staged, [job('DONE', 'COMPLETE', 1001, [`s3://bucket/${record.s3Key}: unreadable`])]),
    ).toMatchObject({ state: 'failed', jobId: 'DONE' });
    const published = { ...record, publishedAtMs: 3000 };
    expect(documentStatus(published, [job('DONE', 'COMPLETE', 2000)])).toEqual({ state: 'waiting' });
    expect(documentStatus(published, [job('LATER', 'COMPLETE', 3001)])).toMatchObject({ state: 'indexed' });
  });

  it('follows a deletion until an ingestion has removed it', () => {
    const deleted = { ...record, deletedAtMs: 2000, publishedAtMs: 2000 };
    expect(documentStatus({ ...deleted, publishedAtMs: 1000 }, [])).toEqual({
      state: 'staged',
      change: 'removed',
    });
    expect(documentStatus(deleted, [job('DONE', 'COMPLETE', 1500)])).toEqual({ state: 'removing' });
    expect(documentStatus(deleted, [job('DONE', 'COMPLETE', 2500)])).toEqual({
      state: 'removed',
      jobId: 'DONE',
    });
  });
});
