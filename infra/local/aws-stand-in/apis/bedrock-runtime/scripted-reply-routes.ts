import type { z } from 'zod';
import type { HttpResponse, HttpRoute, StandInRequest } from '../../stand-in-api.ts';
import { LatencyRequest, type ScriptedReplies, ScriptedReplyRequest } from './scripted-replies.ts';

/**
 * `/__stand-in/bedrock/…`: how a test makes Converse answer in a given shape, or slowly, for its own
 * customer's words (not part of the Bedrock API).
 *
 * - `POST /__stand-in/bedrock/replies` `{ response | thinkingAloud, count?, subject?, latencyMs? }` → 202
 * - `POST /__stand-in/bedrock/latency` `{ latencyMs, subject? }` → 202 (0 removes it)
 * - `GET` either path: what is pending (replies and latency);
 * - `GET /__stand-in/bedrock/calls?subject=`: how many Converse calls were about the subject;
 * - `DELETE` a path (`?subject=` for one subject only): clears its scripted replies, or its latency.
 */
export function scriptedReplyRoutes(scripts: ScriptedReplies): HttpRoute[] {
  const subjectOf = (request: StandInRequest) => request.query.get('subject') ?? undefined;
  return [
    {
      method: 'POST',
      path: '/__stand-in/bedrock/replies',
      handle(request) {
        const parsed = parseControl(request, ScriptedReplyRequest);
        if (!parsed.ok) return parsed.failure;
        scripts.script(parsed.value, parsed.body as { response?: Record<string, unknown> });
        const { response: _response, ...scripted } = parsed.value;
        return { status: 202, json: { scripted } };
      },
    },
    {
      method: 'POST',
      path: '/__stand-in/bedrock/latency',
      handle(request) {
        const parsed = parseControl(request, LatencyRequest);
        if (!parsed.ok) return parsed.failure;
        scripts.slow(parsed.value);
        return { status: 202, json: { latency: parsed.value } };
      },
    },
    { method: 'GET', path: '/__stand-in/bedrock/replies', handle: () => ({ json: scripts.list() }) },
    {
      method: 'GET',
      path: '/__stand-in/bedrock/calls',
      handle: (request) => ({ json: { calls: scripts.callsAbout(subjectOf(request) ?? '') } }),
    },
    { method: 'GET', path: '/__stand-in/bedrock/latency', handle: () => ({ json: scripts.list() }) },
    {
      method: 'DELETE',
      path: '/__stand-in/bedrock/replies',
      handle(request) {
        scripts.clearReplies(subjectOf(request));
        return { json: { cleared: 'replies' } };
      },
    },
    {
      method: 'DELETE',
      path: '/__stand-in/bedrock/latency',
      handle(request) {
        scripts.clearLatency(subjectOf(request));
        return { json: { cleared: 'latency' } };
      },
    },
  ];
}

type Parsed<Value> = { ok: true; value: Value; body: unknown } | { ok: false; failure: HttpResponse };

/** A control request's JSON body checked with `schema`; a 400 saying what is wrong, by path, otherwise. */
function parseControl<Schema extends z.ZodType>(
  request: StandInRequest,
  schema: Schema,
): Parsed<z.infer<Schema>> {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { ok: false, failure: { status: 400, json: { message: 'Body must be JSON' } } };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data, body };
  const message = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
  return { ok: false, failure: { status: 400, json: { message } } };
}
