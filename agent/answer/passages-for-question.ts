import type { Passage, PassageRetriever } from '#kb/retrieve-passages.ts';

export interface RetrievalSettings {
  /** Passages per question (config.agent.retrievalResults). */
  results: number;
  /** The least relevance kept (config.agent.retrievalMinScore). */
  minScore: number;
}

/**
 * The passages an answer may rest on: the most relevant from every language, best first. No
 * preference for the customer's own language: a fact only the English documents hold must still
 * reach a Hindi or Bengali question (the model answers in the customer's language whatever the
 * passages' language), and a weaker passage in their language must not push out a stronger one.
 */
export function passagesForQuestion(
  retriever: PassageRetriever,
  question: string,
  settings: RetrievalSettings & { view?: 'customers' | 'staged' } = { results: 5, minScore: 0.3 },
): Promise<Passage[]> {
  return retriever.retrieve(question, {
    limit: settings.results,
    minScore: settings.minScore,
    ...(settings.view ? { view: settings.view } : {}),
  });
}
