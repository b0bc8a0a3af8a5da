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
