import '#core/aws/clients/lambda.ts';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from '#core/aws/client-registry.ts';

/** A function that threw: Lambda's error object, as Invoke reports it. */
export class FunctionFailedError extends Error {
  constructor(functionName: string, detail: string) {
    super(`${functionName} failed: ${detail}`);
    this.name = 'FunctionFailedError';
  }
}

/**
 * Runs another function of the platform and returns its result (a synchronous Lambda Invoke): the
 * function runs as deployed, with its own role, limits and logs. Throws FunctionFailedError when the
 * function threw, so the caller can keep what it was doing for later.
 */
export async function invokeFunction(
  clients: Pick<AwsClients, 'lambda'>,
  functionName: string,
  event: unknown,
): Promise<unknown> {
  const response = await clients.lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const text = new TextDecoder().decode(response.Payload ?? new Uint8Array());
  if (response.FunctionError) throw new FunctionFailedError(functionName, text.slice(0, 500));
  return text ? (JSON.parse(text) as unknown) : undefined;
}
