import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ConverseResponse } from './converse-response.ts';

/** Seconds of model latency a test can ask for: enough to outlast any reply budget, not a hung run. */
const latencyMs = z.number().int().min(0).max(60_000);
/** The customer's latest words contain this text (tests use a unique phrase, so they never share a script). */
const subject = z.string().min(1).max(500);

/**
 * The next Converse calls about a subject answered in a given shape: a raw Converse response body
 * (a fixture of Nova's multi-block replies and stop reasons), or the offline model's own answer
 * thought aloud first, as Nova does with tools bound (a `<thinking>` text block before it).
 */
export const ScriptedReplyRequest = z
  .strictObject({
    response: ConverseResponse.optional(),
    thinkingAloud: z.string().min(1).optional(),
    count: z.number().int().min(1).max(1000).default(1),
    subject: subject.optional(),
    latencyMs: latencyMs.default(0),
  })
  .refine((request) => (request.response === undefined) !== (request.thinkingAloud === undefined), {
    message: 'Give either response (a Converse response body) or thinkingAloud, not both',
  });
export type ScriptedReplyRequest = z.infer<typeof ScriptedReplyRequest>;

/** Every Converse call about the subject (any call without one) waits this long before answering. */
export const LatencyRequest = z.strictObject({ latencyMs, subject: subject.optional() });
export type LatencyRequest = z.infer<typeof LatencyRequest>;

export interface ScriptedReply {
  /** Sent as is: the body the test gave, byte for byte. */
  response?: Record<string, unknown>;
  thinkingAloud?: string;
  latencyMs: number;
}

interface PendingReply extends ScriptedReply {
  subject: string | undefined;
  count: number;
}

export class ScriptedReplies {
  private readonly pending: PendingReply[] = [];
  /** By subject; '' is every call. */
  private readonly latencies = new Map<string, number>();
  /** The customer's latest words of the most recent Converse calls (a test counts the model calls about its subject). */
  private readonly calls: string[] = [];

  /** `body` is the request as sent, so the response goes back exactly as written (schema-checked, not rebuilt). */
  script(request: ScriptedReplyRequest, body: { response?: Record<string, unknown> }): void {
    const { _source: _note, ...response } = body.response ?? {};
    this.pending.push({
      subject: request.subject,
      count: request.count,
      latencyMs: request.latencyMs,
      ...(request.response ? { response } : {}),
      ...(request.thinkingAloud ? { thinkingAloud: request.thinkingAloud } : {}),
    });
  }

  slow(request: LatencyRequest): void {
    if (request.latencyMs === 0) this.latencies.delete(request.subject ?? '');
    else this.latencies.set(request.subject ?? '', request.latencyMs);
  }

  /** Forgets the scripted replies of one subject, or all of them. */
  clearReplies(only?: string): void {
    for (let index = this.pending.length - 1; index >= 0; index -= 1) {
      if (only === undefined || this.pending[index]?.subject === only) this.pending.splice(index, 1);
    }
  }

  /** Forgets the latency of one subject, or all of it. */
  clearLatency(only?: string): void {
    if (only === undefined) this.latencies.clear();
    else this.latencies.delete(only);
  }

  list() {
    return {
      replies: this.pending.map(({ subject, count, latencyMs, response }) => ({
        subject: subject ?? null,
        count,
        latencyMs,
        shape: response ? 'response' : 'thinking-aloud',
      })),
      latency: [...this.latencies].map(([key, ms]) => ({ subject: key || null, latencyMs: ms })),
    };
  }

  /** Notes a Converse call about `said` (the last 10,000 are kept). */
  record(said: string | undefined): void {
    this.calls.push(said ?? '');
    if (this.calls.length > 10_000) this.calls.splice(0, this.calls.length - 10_000);
  }

  /** How many of the recent Converse calls were about `subject`. */
  callsAbout(subject: string): number {
    return this.calls.filter((said) => said.includes(subject)).length;
  }

  /** The reply scripted for a call about `said`, oldest first; each use counts down. */
  take(said: string | undefined): ScriptedReply | undefined {
    const index = this.pending.findIndex((reply) => covers(reply.subject, said));
    const reply = this.pending[index];
    if (!reply) return undefined;
    reply.count -= 1;
    if (reply.count <= 0) this.pending.splice(index, 1);
    return reply;
  }

  /** The longest latency that applies to a call about `said`. */
  latencyFor(said: string | undefined): number {
    let longest = 0;
    for (const [key, ms] of this.latencies)
      if (covers(key || undefined, said)) longest = Math.max(longest, ms);
    return longest;
  }
}

function covers(subject: string | undefined, said: string | undefined): boolean {
  return subject === undefined || (said?.includes(subject) ?? false);
}

/** Waits until `ms` have passed since `since` (timers may fire a millisecond early: never answer sooner). */
export async function waitUntilElapsed(ms: number, since: number): Promise<void> {
  for (let left = ms - (performance.now() - since); left > 0; left = ms - (performance.now() - since))
    await sleep(Math.ceil(left));
}
