import { z } from 'zod';
import { parseBody } from '../../request-body.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';
import type { KnowledgeBaseState } from './knowledge-base-state.ts';

/**
 * Agents for Amazon Bedrock (restJson1, signing name `bedrock`): StartIngestionJob and
 * GetIngestionJob for the business's Knowledge Base, which rebuild the local index from S3.
 */
const StartInput = z.object({
  clientToken: z.string().optional(),
  description: z.string().max(200).optional(),
});

export function bedrockAgentApi(knowledgeBase: KnowledgeBaseState): StandInApi {
  const knownKb = (id: string | undefined) => {
    if (id !== knowledgeBase.config.bedrock.knowledgeBaseId)
      throw new AwsServiceError('ResourceNotFoundException', 404, `Knowledge base ${id} not found`);
  };
  return {
    name: 'bedrock-agent',
    signingName: 'bedrock',
    protocol: 'rest-json',
    operations: [
      {
        name: 'StartIngestionJob',
        method: 'PUT',
        path: '/knowledgebases/{knowledgeBaseId}/datasources/{dataSourceId}/ingestionjobs/',
        handle(request) {
          knownKb(request.params.knowledgeBaseId);
          parseBody(request, StartInput);
          if (knowledgeBase.runningJob())
            throw new AwsServiceError(
              'ConflictException',
              409,
              'An ingestion job is already running for this data source',
            );
          return {
            status: 202,
            body: {
              ingestionJob: knowledgeBase.startIngestion(
                request.params.knowledgeBaseId ?? '',
                request.params.dataSourceId ?? '',
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
          knownKb(request.params.knowledgeBaseId);
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
    ],
  };
}
