import { z } from 'zod';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import type { KbChunk } from './index/kb-document.ts';
import type { KnowledgeBaseState } from './knowledge-base-state.ts';

/**
 * Agents for Amazon Bedrock Runtime (restJson1, signing name `bedrock`, HTTP/2): Retrieve on the
 * business's Knowledge Base, answered from the local BM25 index, with Bedrock's result shape
 * (content, S3 location, score, metadata incl. source URI and chunk id) and metadata filters.
 */
type Filter =
  | { equals: { key: string; value: unknown } }
  | { notEquals: { key: string; value: unknown } }
  | { in: { key: string; value: unknown[] } }
  | { notIn: { key: string; value: unknown[] } }
  | { andAll: Filter[] }
  | { orAll: Filter[] };

const Pair = z.object({ key: z.string(), value: z.unknown() });
const ListPair = z.object({ key: z.string(), value: z.array(z.unknown()) });
const FilterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.object({ equals: Pair }),
    z.object({ notEquals: Pair }),
    z.object({ in: ListPair }),
    z.object({ notIn: ListPair }),
    z.object({ andAll: z.array(FilterSchema).min(2).max(5) }),
    z.object({ orAll: z.array(FilterSchema).min(2).max(5) }),
  ]),
) as z.ZodType<Filter>;

const RetrieveInput = z.object({
  retrievalQuery: z.object({ text: z.string().min(1).max(1000) }),
  retrievalConfiguration: z
    .object({
      vectorSearchConfiguration: z
        .object({
          numberOfResults: z.number().int().min(1).max(100).default(5),
          overrideSearchType: z.enum(['HYBRID', 'SEMANTIC']).optional(),
          filter: FilterSchema.optional(),
        })
        .prefault({}),
    })
    .prefault({}),
  nextToken: z.string().optional(),
});

export function bedrockAgentRuntimeApi(knowledgeBase: KnowledgeBaseState): StandInApi {
  return {
    name: 'bedrock-agent-runtime',
    signingName: 'bedrock',
    protocol: 'rest-json',
    operations: [
      {
        name: 'Retrieve',
        method: 'POST',
        path: '/knowledgebases/{knowledgeBaseId}/retrieve',
        handle(request) {
          if (request.params.knowledgeBaseId !== knowledgeBase.config.bedrock.knowledgeBaseId) {
            throw new AwsServiceError(
              'ResourceNotFoundException',
              404,
              `Knowledge base ${request.params.knowledgeBaseId} not found`,
            );
          }
          const input = parseBody(request, RetrieveInput);
          const { numberOfResults, filter } = input.retrievalConfiguration.vectorSearchConfiguration;
          const hits = knowledgeBase.index.query(input.retrievalQuery.text, {
            limit: numberOfResults,
            ...(filter ? { accept: (chunk: KbChunk) => matches(filter, attributesOf(chunk)) } : {}),
          });
          return {
            body: {
              retrievalResults: hits.map(({ chunk, score }) => ({
                content: { type: 'TEXT', text: chunk.text },
                location: { type: 'S3', s3Location: { uri: chunk.document.uri } },
                score,
                metadata: {
                  ...chunk.document.attributes,
                  'x-amz-bedrock-kb-source-uri': chunk.document.uri,
                  'x-amz-bedrock-kb-chunk-id': chunk.chunkId,
                  'x-amz-bedrock-kb-data-source-id': 'local',
                },
              })),
            },
          };
        },
      },
    ],
  };
}

function attributesOf(chunk: KbChunk): Record<string, unknown> {
  return { ...chunk.document.attributes, 'x-amz-bedrock-kb-source-uri': chunk.document.uri };
}

function matches(filter: Filter, attributes: Record<string, unknown>): boolean {
  if ('equals' in filter) return attributes[filter.equals.key] === filter.equals.value;
  if ('notEquals' in filter) return attributes[filter.notEquals.key] !== filter.notEquals.value;
  if ('in' in filter) return filter.in.value.includes(attributes[filter.in.key]);
  if ('notIn' in filter) return !filter.notIn.value.includes(attributes[filter.notIn.key]);
  if ('andAll' in filter) return filter.andAll.every((part) => matches(part, attributes));
  return filter.orAll.some((part) => matches(part, attributes));
}
