import MiniSearch from 'minisearch';
import { chunkDocument } from './chunk-document.ts';
import { documentTerm, questionTerms, tokenize } from './index-terms.ts';
import type { KbChunk, KbDocument } from './kb-document.ts';

export interface IndexHit {
  chunk: KbChunk;
  /**
   * Relevance in 0–1, as Bedrock reports it: the BM25 score squashed (1 − e^(−score/8)), so that it
   * is absolute (a weak best match stays low) rather than relative to the other hits.
   */
  score: number;
}

/**
 * The local Knowledge Base index: BM25 (MiniSearch's BM25+) over the documents' passages. Its
 * terms (index-terms.ts) keep Devanagari and Bengali words whole and Bengali words without their
 * case endings, so that Hindi and Bengali questions find Hindi and Bengali passages. Bedrock KB
 * answers the same Retrieve call with vector search in AWS.
 */
export class KnowledgeIndex {
  private readonly search: MiniSearch<{ id: string; text: string; title: string }>;
  private readonly chunks = new Map<string, KbChunk>();

  private constructor(documents: readonly KbDocument[]) {
    this.search = new MiniSearch({
      fields: ['title', 'text'],
      storeFields: [],
      tokenize,
      processTerm: documentTerm,
      searchOptions: {
        boost: { title: 1.5 },
        prefix: (term) => term.length > 4,
        fuzzy: (term) => (term.length > 6 ? 0.15 : false),
        // A question about cost rarely says "price": its words are mapped to what the documents say.
        processTerm: questionTerms,
      },
    });
    for (const document of documents) {
      for (const chunk of chunkDocument(document)) {
        this.chunks.set(chunk.chunkId, chunk);
        const title = [String(document.attributes.title ?? ''), ...chunk.headings].join(' ');
        this.search.add({ id: chunk.chunkId, text: chunk.text, title });
      }
    }
  }

  static build(documents: readonly KbDocument[]): KnowledgeIndex {
    return new KnowledgeIndex(documents);
  }

  get size(): number {
    return this.chunks.size;
  }

  query(text: string, options: { limit: number; accept?: (chunk: KbChunk) => boolean }): IndexHit[] {
    const found = this.search.search(text, { combineWith: 'OR' });
    const hits: IndexHit[] = [];
    for (const result of found) {
      const chunk = this.chunks.get(String(result.id));
      if (!chunk || (options.accept && !options.accept(chunk))) continue;
      hits.push({ chunk, score: Math.round((1 - Math.exp(-result.score / 8)) * 1000) / 1000 });
      if (hits.length >= options.limit) break;
    }
    return hits;
  }
}
