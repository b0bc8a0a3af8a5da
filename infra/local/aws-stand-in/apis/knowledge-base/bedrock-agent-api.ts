import { z } from 'zod';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import type { KnowledgeBaseState } from './knowledge-base-state.ts';

/** The one data source of the local Knowledge Base: the KB prefix of the stream bucket. */
export const localDataSourceId = 'LOCALDS001';

/**
 * Agents for Amazon Bedrock (restJson1, signing name `bedrock`): the business's Knowledge Base's
 * data sources, and its ingestion jobs (start, get, list), which rebuild the local index from S3.
 */
const StartInput = z.object({
  clientToken: z.string().min(33).max(256).optional(),
  description: z.string().max(200).optional(),
});

const ListJobsInput = z.object({
  maxResults: z.number().int().min(1).max(1000).optional(),
  nextToken: z.string().optional(),
  sortBy: z
    .object({ attribute: z.enum(['STATUS', 'STARTED_AT']), order: z.enum(['ASCENDING', 'DESCENDING']) })
    .optional(),
});

export function bedrockAgentApi(knowledgeBase: KnowledgeBaseState): StandInApi {
  const knownKb = (id: string | undefined) => {
    if (id !== knowledgeBase.config.bedrock.knowledgeBaseId)
      throw new AwsServiceError('ResourceNotFoundException', 404, `Knowledge base ${id} not found`);
  };
  const knownDataSource = (params: Record<string, string | undefined>) => {
    knownKb(params.knowledgeBaseId);
    if (params.dataSourceId !== localDataSourceId)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        404,
        `Data source ${params.dataSourceId} not found`,
      );
  };
  return {
    name: 'bedrock-agent',
    signingName: 'bedrock',
    protocol: 'rest-json',
    operations: [
      {
        name: 'ListDataSources',
        method: 'POST',
        path: '/knowledgebases/{knowledgeBaseId}/datasources/',
        handle(request) {
          knownKb(request.params.knowledgeBaseId);
          return {
            body: {
              dataSourceSummaries: [
                {
                  dataSourceId: localDataSourceId,
                  knowledgeBaseId: request.params.knowledgeBaseId,
                  name: 'stream-wecare-digital-knowledge-base',
                  status: 'AVAILABLE',
                  updatedAt: new Date(0).toISOString(),
                },
              ],
            },
          };
        },
      },
      {
        name: 'StartIngestionJob',
        method: 'PUT',
        path: '/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}/ingestionjobs/',
        handle(request) {
          knownDataSource(request.params);
          const input = parseBody(request, StartInput);
          return {
            status: 202,
            body: {
              ingestionJob: knowledgeBase.startIngestion(
                request.params.knowledgeBaseId ?? '',
                request.params.dataSourceId ?? '',
                input.clientToken,
              ),
            },
          };
        },
      },
      {
        name: 'GetIngestionJob',
        method: 'GET',
        path: '/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}/ingestionjobs/{ingestionJobId}',
        handle(request) {
          knownDataSource(request.params);
          const job = knowledgeBase.job(request.params.ingestionJobId ?? '');
          if (!job)
            throw new AwsServiceError(
              'ResourceNotFoundException',
              404,
              `Ingestion job ${request.params.ingestionJobId} not found`,
            );
          return { body: { ingestionJob: job } };
        },
      },
      {
        name: 'ListIngestionJobs',
        method: 'POST',
        path: '/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}/ingestionjobs/',
        handle(request) {
          knownDataSource(request.params);
          const input = parseBody(request, ListJobsInput);
          const jobs = knowledgeBase.recentJobs();
          if (input.sortBy?.attribute === 'STARTED_AT' && input.sortBy.order === 'ASCENDING') jobs.reverse();
          return {
            body: {
              ingestionJobSummaries: jobs.slice(0, input.maxResults ?? 1000).map((job) => ({
                knowledgeBaseId: job.knowledgeBaseId,
                dataSourceId: job.dataSourceId,
                ingestionJobId: job.ingestionJobId,
                status: job.status,
                startedAt: job.startedAt,
                updatedAt: job.updatedAt,
                statistics: job.statistics,
              })),
            },
          };
        },
      },
    ],
  };
}
