import type { FaultRequest } from '#infra/local/aws-stand-in/fault-injection.ts';
import { testConfig } from './local-clients.ts';

/** Asks the running AWS stand-in to fail the next calls of an operation (its `/__stand-in/faults` route). */
export async function injectFault(
  fault: Partial<FaultRequest> & Pick<FaultRequest, 'api' | 'operation' | 'errorType' | 'status'>,
) {
  const response = await fetch(`${testConfig().local.awsEndpoint}/__stand-in/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (response.status !== 202)
    throw new Error(`Fault not injected: ${response.status} ${await response.text()}`);
}

export async function clearFaults() {
  await fetch(`${testConfig().local.awsEndpoint}/__stand-in/faults`, { method: 'DELETE' });
}

/** A Converse reply scripted for the next calls about a subject (the customer's latest words contain it). */
export interface ScriptedModelReply {
  /** A raw Converse response body, sent back as is; a fixture's `_source` note is dropped. */
  response?: Record<string, unknown>;
  /** Or: the offline model's own answer, after a `<thinking>` text block saying this (Nova's habit with tools). */
  thinkingAloud?: string;
  /** Without one, any test's next call takes it: give one whenever tests run side by side. */
  subject?: string;
  /** How many calls it answers (1). */
  count?: number;
  /** How long the model takes to answer it. */
  latencyMs?: number;
}

/** Asks the running Bedrock stand-in to answer the next Converse calls about a subject this way. */
export async function scriptModelReply(reply: ScriptedModelReply): Promise<void> {
  await controlBedrock('POST', 'replies', reply);
}

/** Every Converse call about `subject` (every call, without one) answers after `latencyMs`; 0 undoes it. */
export async function slowModel(latencyMs: number, subject?: string): Promise<void> {
  await controlBedrock('POST', 'latency', { latencyMs, subject });
}

/** Forgets the scripted replies and the latency of a subject (of every subject, without one). */
export async function resetModel(subject?: string): Promise<void> {
  await controlBedrock('DELETE', 'replies', undefined, subject);
  await controlBedrock('DELETE', 'latency', undefined, subject);
}

/** How many Converse calls the Bedrock stand-in answered about `subject` (the customer's words contain it). */
export async function modelCallsAbout(subject: string): Promise<number> {
  const response = await fetch(
    `${testConfig().local.awsEndpoint}/__stand-in/bedrock/calls?subject=${encodeURIComponent(subject)}`,
  );
  return ((await response.json()) as { calls: number }).calls;
}

async function controlBedrock(
  method: 'POST' | 'DELETE',
  route: 'replies' | 'latency',
  body?: unknown,
  subject?: string,
): Promise<void> {
  const query = subject === undefined ? '' : `?subject=${encodeURIComponent(subject)}`;
  const response = await fetch(`${testConfig().local.awsEndpoint}/__stand-in/bedrock/${route}${query}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(
      `Bedrock stand-in refused ${method} ${route}: ${response.status} ${await response.text()}`,
    );
}
