import { describe, expect, it } from 'vitest';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { invokeWithTimeout, LambdaTimeoutError } from './invoke-with-timeout.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lambdaContext', () => {
  it('counts the remaining time down from the start of the invocation', async () => {
    const context = lambdaContext('wecare-test', 1_000);
    const first = context.getRemainingTimeInMillis();
    expect(first).toBeGreaterThan(900);
    expect(first).toBeLessThanOrEqual(1_000);
    await sleep(120);
    const later = context.getRemainingTimeInMillis();
    expect(later).toBeLessThanOrEqual(first - 100);
    expect(lambdaContext('wecare-test', 1).getRemainingTimeInMillis()).toBeGreaterThanOrEqual(0);
  });

  it('never reports negative time', async () => {
    const context = lambdaContext('wecare-test', 5);
    await sleep(30);
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });

  it('gives each invocation a fresh request id and a plausible ARN and log group', () => {
    const one = lambdaContext('wecare-agent', 30_000, { region: 'ap-south-1', accountId: '123456789012' });
    const two = lambdaContext('wecare-agent', 30_000);
    expect(one.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(one.awsRequestId).not.toBe(two.awsRequestId);
    expect(one.invokedFunctionArn).toBe('arn:aws:lambda:ap-south-1:123456789012:function:wecare-agent');
    expect(two.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:wecare-agent');
    expect(one.functionName).toBe('wecare-agent');
    expect(one.functionVersion).toBe('$LATEST');
    expect(one.logGroupName).toBe('/aws/lambda/wecare-agent');
    expect(one.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(lambdaContext('f', 1, { awsRequestId: 'kept' }).awsRequestId).toBe('kept');
  });
});

describe('invokeWithTimeout', () => {
  it('returns what the handler returns', async () => {
    const context = lambdaContext('f', 1_000);
    await expect(invokeWithTimeout(async (event: number) => event * 2, 21, context, 1_000)).resolves.toBe(42);
  });

  it('fails a handler that runs past its timeout, as Lambda does', async () => {
    const context = lambdaContext('slow', 50);
    const run = invokeWithTimeout(
      async () => {
        await sleep(300);
        return 'late';
      },
      {},
      context,
      50,
    );
    await expect(run).rejects.toBeInstanceOf(LambdaTimeoutError);
    await expect(run).rejects.toThrow('slow: Task timed out after 0.05 seconds');
  });

  it('treats a synchronous throw like a rejected promise', async () => {
    const context = lambdaContext('f', 1_000);
    const handler = (): Promise<void> => {
      throw new Error('boom');
    };
    await expect(invokeWithTimeout(handler, {}, context, 1_000)).rejects.toThrow('boom');
  });
});
