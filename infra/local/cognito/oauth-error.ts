import type * as z from 'zod';
import { parseInput } from '../aws-stand-in/request-body.ts';
import { AwsServiceError, type HttpResponse, type StandInRequest } from '../aws-stand-in/stand-in-api.ts';

/** The `error` codes of RFC 6749 §5.2 and RFC 6750 §3.1 that Cognito's endpoints answer with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_token_type'
  | 'invalid_scope'
  | 'invalid_token';

/** A refusal in OAuth's shape: `{ error, error_description }` with its status (400 unless said). */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly status = code === 'invalid_token' ? 401 : 400,
  ) {
    super(`${code}: ${description}`);
    this.name = 'OAuthError';
  }

  toResponse(): HttpResponse {
    const json = { error: this.code, error_description: this.description };
    if (this.code !== 'invalid_token') return { status: this.status, json, headers: noStore };
    const challenge = `Bearer error="invalid_token", error_description="${this.description.replace(/"/g, "'")}"`;
    return { status: this.status, json, headers: { ...noStore, 'www-authenticate': challenge } };
  }
}

/** Token responses and refusals are never cached (RFC 6749 §5.1). */
export const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

/** A route's answer, or its OAuthError as OAuth's JSON: a bad request is a 400 that says why, never a 500. */
export async function answerOAuth(work: () => Promise<HttpResponse> | HttpResponse): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OAuthError) return error.toResponse();
    throw error;
  }
}

/** Parameters as one record; a repeated one is refused, as RFC 6749 §3.1 requires. */
export function singleValued(parameters: URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of parameters) {
    if (name in fields) throw new OAuthError('invalid_request', `${name} is given more than once`);
    fields[name] = value;
  }
  return fields;
}

/** The request's `application/x-www-form-urlencoded` body, the only body the token endpoints take. */
export function formFields(request: StandInRequest): Record<string, string> {
  const contentType = String(request.headers['content-type'] ?? '');
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType))
    throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  return singleValued(new URLSearchParams(request.body.toString('utf8')));
}

/** `candidate` checked with `schema`; the first issue, by path, as `invalid_request`. */
export function parseOAuth<Schema extends z.ZodType>(schema: Schema, candidate: unknown): z.infer<Schema> {
  try {
    return parseInput(candidate, schema);
  } catch (error) {
    if (error instanceof AwsServiceError) throw new OAuthError('invalid_request', error.message);
    throw error;
  }
}
