import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { toErrorResponse } from '#core/errors/error-response.ts';
import { lambdaShell } from './lambda-shell.ts';
import { retriever } from './parts/retriever.ts';

/** @example { "query": "What does GST filing cost?", "language": "hi", "limit": 4 } */
const QueryKnowledgeBase = z.object({
  query: z.string().trim().min(1).max(1000),
  language: z.enum(['en', 'hi', 'bn']).optional(),
  limit: z.number().int().min(1).max(10).default(5),
  minScore: z.number().min(0).max(1).default(0),
  /** `staged`: what the bot would find once the staged Knowledge Base changes are published. */
  view: z.enum(['customers', 'staged']).default('customers'),
});

/**
 * `wecare-ai-query-kb`: the Knowledge Base's passages for a question (Bedrock Retrieve on the
 * business's KB), with the citation a customer may see and the source the console keeps. For the
 * console's "what would the bot find?" and the evals; the bot itself retrieves in process.
 */
export const handler = lambdaShell(
  'wecare-ai-query-kb',
  async (event: unknown, _context: Context, { count }) => {
    const request = QueryKnowledgeBase.safeParse(event);
    if (!request.success) {
      const issue = request.error.issues[0];
      return {
        ok: false as const,
        status: 400,
        error: {
          code: 'validation',
          message: `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}`,
        },
      };
    }
    try {
      const { query, ...options } = request.data;
      const passages = await retriever().retrieve(query, options);
      count('KnowledgeBaseQueries');
      return { ok: true as const, passages };
    } catch (error) {
      const response = toErrorResponse(error);
      return { ok: false as const, status: response.status, error: response.body.error };
    }
  },
);
