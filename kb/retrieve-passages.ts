import {
  type BedrockAgentRuntimeClient,
  RetrieveCommand,
  type RetrieveCommandOutput,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { Config } from '#core/config/config-schema.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';

/** A passage of the Knowledge Base that may ground an answer. */
export interface Passage {
  text: string;
  /** Relevance 0–1 as the Knowledge Base reports it. */
  score: number;
  /** For our records and the console: where it came from. Never shown to customers. */
  source: { uri: string; chunkId: string | null };
  /** What a customer may see as the source: the document's title, never a file name or S3 key. */
  citation: string;
  language: string | null;
}

export interface RetrieveOptions {
  limit?: number;
  /** Passages scoring below this do not support an answer. */
  minScore?: number;
  /** Only documents in this language (metadata attribute `language`). */
  language?: string;
  /**
   * Whose view of the Knowledge Base: the customers' (the default: never a staged change) or the
   * staged one (the changes waiting to be published, without what they retire), for their evaluation.
   */
  view?: 'customers' | 'staged';
}

/** The files a view leaves out (metadata attribute `stage`; files without one are in every view). */
const leftOutBy = { customers: 'staged', staged: 'retiring' } as const;

/**
 * Retrieval through Bedrock Agent Runtime Retrieve on the business's Knowledge Base (FZBPKGTOYE
 * in AWS; the local index on one machine): the passages most relevant to a question, with
 * citations fit for customers.
 */
export class PassageRetriever {
  constructor(
    private readonly client: BedrockAgentRuntimeClient,
    private readonly config: Config,
  ) {}

  async retrieve(question: string, options: RetrieveOptions = {}): Promise<Passage[]> {
    const query = question.trim().slice(0, 1000);
    if (!query) return [];
    // The guard at the effect: every retrieval leaves out the files its view must not see.
    const stageFilter = { notEquals: { key: 'stage', value: leftOutBy[options.view ?? 'customers'] } };
    let answer: RetrieveCommandOutput;
    try {
      answer = await this.client.send(
        new RetrieveCommand({
          knowledgeBaseId: this.config.bedrock.knowledgeBaseId,
          retrievalQuery: { text: query },
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: options.limit ?? 5,
              filter: options.language
                ? { andAll: [{ equals: { key: 'language', value: options.language } }, stageFilter] }
                : stageFilter,
            },
          },
        }),
      );
    } catch (error) {
      throw classifyAwsError(error, 'Retrieve');
    }
    const minScore = options.minScore ?? 0;
    return (answer.retrievalResults ?? []).flatMap((result) => {
      const item = result as {
        content?: { text?: string };
        score?: number;
        location?: { s3Location?: { uri?: string } };
        metadata?: Record<string, unknown>;
      };
      const text = item.content?.text?.trim();
      const score = item.score ?? 0;
      if (!text || score < minScore) return [];
      const uri =
        item.location?.s3Location?.uri ?? String(item.metadata?.['x-amz-bedrock-kb-source-uri'] ?? '');
      const chunkId = item.metadata?.['x-amz-bedrock-kb-chunk-id'];
      return [
        {
          text,
          score,
          source: { uri, chunkId: typeof chunkId === 'string' ? chunkId : null },
          citation: publicCitation(item.metadata?.title, uri),
          language: typeof item.metadata?.language === 'string' ? item.metadata.language : null,
        },
      ];
    });
  }
}

/** The document's title; without one, its file name made readable: no path, no extension, no bucket. */
export function publicCitation(title: unknown, uri: string): string {
  if (typeof title === 'string' && title.trim()) return title.trim();
  const name = uri.split('/').at(-1) ?? '';
  const readable = name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/^(hi|bn|en)-/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return readable ? readable.charAt(0).toUpperCase() + readable.slice(1) : 'WECARE.DIGITAL help';
}
