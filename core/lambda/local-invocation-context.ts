import type { Context } from 'aws-lambda';

/**
 * A Lambda context for handlers run outside Lambda (the local world, CLIs, replays, benchmarks).
 * Each question about the time left gets the deployed function's whole timeout, as if every
 * handling were a fresh invocation, so that code which asks (Powertools idempotency's in-progress
 * expiry) behaves as it does in AWS.
 */
export function localInvocationContext(functionName: string, timeoutMs = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => timeoutMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
