import type { z } from 'zod';
import { AwsServiceError, type StandInRequest } from './stand-in-api.ts';

/** The request's JSON body parsed with `schema`; a mismatch is the service's ValidationException. */
export function parseBody<Schema extends z.ZodType>(
  request: StandInRequest,
  schema: Schema,
): z.infer<Schema> {
  let candidate: unknown = {};
  if (request.body.length > 0) {
    try {
      candidate = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new AwsServiceError('SerializationException', 400, 'Request body is not valid JSON');
    }
  }
  return parseInput(candidate, schema);
}

/** Any request input (body, query) parsed with `schema`, failing as the service's ValidationException. */
export function parseInput<Schema extends z.ZodType>(candidate: unknown, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AwsServiceError('ValidationException', 400, `${where}${issue?.message ?? 'invalid request'}`);
}
