import type { EvalCase } from '../dataset/eval-case.ts';

/** A passage the bot's retrieval returned for the case's question. */
export interface RetrievedPassage {
  citation: string;
  score: number;
  text: string;
}

export interface RetrievalMetrics {
  /** Share of the facts the answer must state that some retrieved passage holds (null: the case names no fact). */
  contextRecall: number | null;
  /** Share of the retrieved passages that hold a fact or are a document the answer must cite (null: nothing to judge by). */
  contextPrecision: number | null;
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en');

/**
 * Retrieval, judged apart from the answer: did the passages the bot was given hold the facts it
 * had to state (context recall), and how many of them were about the question (context precision)?
 * A wrong answer with full recall is the model's fault; with none, the Knowledge Base's or the
 * retriever's.
 */
export function retrievalMetrics(
  testCase: EvalCase,
  passages: readonly RetrievedPassage[],
): RetrievalMetrics {
  const facts = [...(testCase.expect.contains ?? []), ...(testCase.expect.containsAny ?? [])].map(fold);
  const titles = (testCase.expect.cites ?? []).map(fold);
  const texts = passages.map((passage) => fold(`${passage.citation}\n${passage.text}`));
  const mustHave = testCase.expect.contains?.map(fold) ?? [];
  const anyOf = testCase.expect.containsAny?.map(fold) ?? [];
  const recallParts = [
    ...mustHave.map((fact) => texts.some((text) => text.includes(fact))),
    ...(anyOf.length ? [anyOf.some((fact) => texts.some((text) => text.includes(fact)))] : []),
  ];
  const relevant = passages.filter(
    (passage, index) =>
      facts.some((fact) => texts[index]?.includes(fact)) || titles.includes(fold(passage.citation)),
  );
  return {
    contextRecall: recallParts.length === 0 ? null : recallParts.filter(Boolean).length / recallParts.length,
    contextPrecision:
      passages.length === 0 || (facts.length === 0 && titles.length === 0)
        ? null
        : relevant.length / passages.length,
  };
}
