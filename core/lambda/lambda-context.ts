import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  /** Region in the function ARN (default us-east-1). */
  region?: string;
  /** Account in the function ARN (default 000000000000, the local world's account). */
  accountId?: string;
  memoryLimitInMB?: number;
  /**
   * The request id. Fresh by default; Lambda keeps the same id when it retries an asynchronous
   * invocation, so the asynchronous invoker passes the first attempt's id to the retries.
   */
  awsRequestId?: string;
}

/**
 * The context Lambda passes to one invocation: a request id, and a clock that counts down from
 * the moment the invocation starts to its timeout (`getRemainingTimeInMillis()` is the time left
 * before Lambda would stop the function, never less than 0). Build one per invocation.
 */
export function lambdaContext(
  functionName: string,
  timeoutMs: number,
  options: LambdaContextOptions = {},
): Context {
  const deadline = Date.now() + timeoutMs;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const awsRequestId = options.awsRequestId ?? crypto.randomUUID();
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 256),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${crypto.randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
