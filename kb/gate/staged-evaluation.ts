import { passagesForQuestion, type RetrievalSettings } from '#agent/answer/passages-for-question.ts';
import { retrievalMetrics } from '#evals/graders/retrieval-metrics.ts';
import type { Passage, PassageRetriever } from '#kb/retrieve-passages.ts';
import type { GateCase } from './gate-cases.ts';

/** One case's retrieval as customers get it today, and as they would once the staged changes are published. */
export interface GateRow {
  id: string;
  category: string;
  language: string;
  question: string;
  /** Share of the case's facts the passages hold (null: the case names no fact, only documents). */
  recall: { now: number | null; staged: number | null };
  /** The documents the passages come from, best first. */
  sources: { now: string[]; staged: string[] };
  /** Documents the case must cite that the passages no longer (or newly) come from. */
  citations: { lost: string[]; gained: string[] };
  verdict: 'worse' | 'better' | 'sources-changed' | 'unchanged';
}

export interface StagedEvaluation {
  atMs: number;
  cases: number;
  worse: number;
  better: number;
  sourcesChanged: number;
  /** The cases that changed, the worse first. */
  rows: GateRow[];
}

const titles = (passages: readonly Passage[]) => [...new Set(passages.map((passage) => passage.citation))];

/**
 * The Knowledge Base gate: every evals case that rests on the documents, retrieved twice with the
 * bot's own retrieval and settings, in the customers' view (what is published) and in the staged
 * view (what publishing the staged changes would give), and judged by the evals' retrieval metrics.
 * A case whose facts the staged passages no longer hold, or whose cited document they no longer
 * come from, is worse: the Admin sees it before publishing.
 */
export async function evaluateStagedChanges(
  retriever: PassageRetriever,
  cases: readonly GateCase[],
  settings: RetrievalSettings & { concurrency: number },
): Promise<StagedEvaluation> {
  const rows: GateRow[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const gateCase = cases[next++] as GateCase;
      const [now, staged] = await Promise.all(
        (['customers', 'staged'] as const).map((view) =>
          passagesForQuestion(retriever, gateCase.question, { ...settings, view }),
        ),
      );
      rows.push(gateRow(gateCase, now ?? [], staged ?? []));
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, cases.length) }, worker));
  const rank = { worse: 0, 'sources-changed': 1, better: 2, unchanged: 3 } as const;
  const changed = rows
    .filter((row) => row.verdict !== 'unchanged')
    .sort((left, right) => rank[left.verdict] - rank[right.verdict] || left.id.localeCompare(right.id));
  return {
    atMs: Date.now(),
    cases: rows.length,
    worse: rows.filter((row) => row.verdict === 'worse').length,
    better: rows.filter((row) => row.verdict === 'better').length,
    sourcesChanged: rows.filter((row) => row.verdict === 'sources-changed').length,
    rows: changed,
  };
}

function gateRow(gateCase: GateCase, now: readonly Passage[], staged: readonly Passage[]): GateRow {
  const recall = {
    now: retrievalMetrics(gateCase.testCase, now).contextRecall,
    staged: retrievalMetrics(gateCase.testCase, staged).contextRecall,
  };
  const sources = { now: titles(now), staged: titles(staged) };
  const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en');
  const cited = (gateCase.testCase.expect.cites ?? []).map(fold);
  const citedIn = (found: readonly string[]) => cited.filter((title) => found.map(fold).includes(title));
  const citations = {
    lost: citedIn(sources.now).filter((title) => !citedIn(sources.staged).includes(title)),
    gained: citedIn(sources.staged).filter((title) => !citedIn(sources.now).includes(title)),
  };
  const fell = (recall.staged ?? 1) < (recall.now ?? 1) || citations.lost.length > 0;
  const rose = (recall.staged ?? 0) > (recall.now ?? 0) || citations.gained.length > 0;
  const verdict = fell
    ? 'worse'
    : rose
      ? 'better'
      : sources.now.join('\n') !== sources.staged.join('\n')
        ? 'sources-changed'
        : 'unchanged';
  return {
    id: gateCase.id,
    category: gateCase.category,
    language: gateCase.language,
    question: gateCase.question,
    recall,
    sources,
    citations,
    verdict,
  };
}
