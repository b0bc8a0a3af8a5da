import { describe, expect, it } from 'vitest';
import { EvalCase } from '#evals/dataset/eval-case.ts';
import { ingest } from '../../test/kb-ingest.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import {
  CatalogStore,
  catalogForEditing,
  discardStagedCatalog,
  saveEditedCatalog,
  stagedCatalog,
} from '../catalog/catalog-store.ts';
import { KnowledgeBaseIngestion } from '../documents/kb-ingestion.ts';
import { KnowledgeBaseLibrary } from '../documents/kb-library.ts';
import { PassageRetriever } from '../retrieve-passages.ts';
import { gateCases } from './gate-cases.ts';
import { evaluateStagedChanges } from './staged-evaluation.ts';

const config = testConfig();
const clients = testClients();
const library = KnowledgeBaseLibrary.fromConfig(config, clients);
const ingestion = KnowledgeBaseIngestion.fromConfig(clients.bedrockAgent, config);
const retriever = new PassageRetriever(clients.bedrockAgentRuntime, config);
const settings = {
  results: config.agent.retrievalResults,
  minScore: config.agent.retrievalMinScore,
  concurrency: 4,
};

describe('the Knowledge Base gate (staged changes against the evals, on the local index)', () => {
  it('names a case whose fact a staged replacement drops as worse, before anything is published', async () => {
    const marker = unique('diwali').replace(/[^a-z0-9]/g, '');
    const title = `Festival hours ${marker.slice(-6)}`;
    const page = (opens: string) =>
      Buffer.from(
        `<!DOCTYPE html><h1>${title}</h1><p>During the ${marker} festival the office opens at ${opens}.</p>`,
      );
    const record = await library.add({
      fileName: 'festival.html',
      bytes: page('07:45'),
      by: 'admin-1',
      fields: { title, language: 'en', owner: 'Operations' },
      requestId: unique('upload'),
    });
    await library.publish({ only: [record.id] });
    await ingest(ingestion);
    const gateCase = EvalCase.parse({
      id: 'festival-hours-en',
      category: 'facts',
      language: 'en',
      turns: `When does the office open during the ${marker} festival?`,
      expect: { contains: '07:45', cites: title },
    });
    const cases = [
      {
        id: gateCase.id,
        category: 'facts',
        language: 'en',
        question: String(gateCase.turns[0]),
        testCase: gateCase,
      },
    ];

    // Nothing staged for it: nothing changes.
    expect((await evaluateStagedChanges(retriever, cases, settings)).rows).toEqual([]);

    // A new version without the fact, staged and indexed: customers still get 07:45, the gate says worse.
    await library.replace(record.id, {
      fileName: 'festival.html',
      bytes: page('09:00'),
      by: 'admin-1',
      fields: {},
      expectedVersion: 1,
    });
    await ingest(ingestion);
    const evaluation = await evaluateStagedChanges(retriever, cases, settings);
    expect(evaluation).toMatchObject({ cases: 1, worse: 1, better: 0 });
    expect(evaluation.rows[0]).toMatchObject({
      id: 'festival-hours-en',
      verdict: 'worse',
      recall: { now: 1, staged: 0 },
      sources: { now: expect.arrayContaining([title]) },
    });
    const [customers] = await retriever.retrieve(String(gateCase.turns[0]));
    expect(customers?.text).toContain('07:45');
    await library.remove(record.id, { expectedVersion: 2, by: 'admin-1' });
    await library.publish({ only: [record.id] });
  });

  it('names the price cases a staged catalog would break; quotes keep the published catalog, and discarding it changes nothing', async () => {
    const starter = await catalogForEditing(clients.s3, config);
    const catalog = JSON.parse(starter.text) as { services: Array<{ id: string; pricePaise: number }> };
    const website = catalog.services.find((service) => service.id === 'website-starter');
    if (!website) throw new Error('the starter catalog has no website-starter');
    website.pricePaise = 1_599_900;
    await saveEditedCatalog(clients.s3, config, { text: JSON.stringify(catalog), etag: starter.etag });
    try {
      await ingest(ingestion);
      const priceCases = (await gateCases()).filter((each) => each.id.startsWith('price-website'));
      expect(priceCases.length).toBeGreaterThan(0);
      const evaluation = await evaluateStagedChanges(retriever, priceCases, settings);
      expect(evaluation.worse).toBeGreaterThan(0);
      expect(evaluation.rows.find((row) => row.verdict === 'worse')?.recall).toMatchObject({ staged: 0 });
      // Customers are quoted, and answered, from the published catalog meanwhile.
      const quoted = await CatalogStore.fromConfig(clients.s3, config).current();
      expect(quoted.services.find((each) => each.id === 'website-starter')?.pricePaise).not.toBe(1_599_900);
    } finally {
      expect(await discardStagedCatalog(clients.s3, config)).toBe(true);
    }
    expect(await stagedCatalog(clients.s3, config)).toBeUndefined();
    expect((await catalogForEditing(clients.s3, config)).text).toBe(starter.text);
  });

  it('takes the evals cases that rest on the documents, and leaves out attacks and cases with a prior state', async () => {
    const cases = await gateCases();
    expect(cases.length).toBeGreaterThan(60);
    const ids = cases.map((each) => each.id);
    expect(ids).toContain('hours-en');
    expect(cases.every((each) => each.category !== 'adversarial')).toBe(true);
    expect(
      cases.every((each) => each.testCase.given.ownedBy === 'bot' && !each.testCase.given.pendingInvoice),
    ).toBe(true);
  });
});
