import type { Context, SNSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LambdaTimeoutError } from './invoke-with-timeout.ts';
import { type AsyncInvocationFailure, SnsAsyncInvoker } from './sns-async-invoker.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quiet = { error: () => undefined, warn: () => undefined };

/** An SNS event as Lambda delivers it (one record), after AWS's documented example. */
function snsEvent(message: string): SNSEvent {
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:wecare-test-topic';
  return {
    Records: [
      {
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${crypto.randomUUID()}`,
        EventSource: 'aws:sns',
        Sns: {
          SignatureVersion: '1',
          Timestamp: new Date().toISOString(),
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem',
          MessageId: crypto.randomUUID(),
          Message: message,
          MessageAttributes: { kind: { Type: 'String', Value: 'test' } },
          Type: 'Notification',
          UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
          TopicArn: topicArn,
          Subject: 'TestInvoke',
        },
      },
    ],
  };
}

interface Failure {
  event: SNSEvent;
  error: unknown;
  failure: AsyncInvocationFailure;
}

describe('SnsAsyncInvoker (SNS + Lambda asynchronous invocation)', () => {
  it('returns from publish at once and runs the handler in the background', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handled: { event: SNSEvent; context: Context }[] = [];
    const failures: Failure[] = [];
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-inbound-test',
      timeoutMs: 5_000,
      logger: quiet,
      handler: async (event, context) => {
        await gate;
        handled.push({ event, context });
        return { records: event.Records.length };
      },
      onFailure: (event, error, failure) => {
        failures.push({ event, error, failure });
      },
    });
    const event = snsEvent('{"hello":"world"}');
    expect(invoker.publish(event)).toBeUndefined();
    expect(handled).toHaveLength(0);
    release();
    await invoker.idle();
    expect(handled).toHaveLength(1);
    expect(handled[0]?.event).toEqual(event);
    expect(handled[0]?.context.functionName).toBe('wecare-inbound-test');
    expect(failures).toEqual([]);
    expect(invoker.counters).toMatchObject({
      published: 1,
      invocations: 1,
      succeeded: 1,
      failedInvocations: 0,
      retriesExhausted: 0,
    });
  });

  it('retries twice with the same event and request id, then hands the original event to onFailure', async () => {
    const attempts: { event: SNSEvent; requestId: string }[] = [];
    const failures: Failure[] = [];
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-inbound-test',
      timeoutMs: 5_000,
      retryDelaysMs: [20, 40],
      logger: quiet,
      handler: async (event, context) => {
        attempts.push({ event, requestId: context.awsRequestId });
        // A handler that changes its event must not change what the retry receives.
        (event.Records[0] as { EventSource: string }).EventSource = 'changed';
        throw new Error(`attempt ${attempts.length} failed`);
      },
      onFailure: async (event, error, failure) => {
        failures.push({ event, error, failure });
      },
    });
    const event = snsEvent('{"n":1}');
    const original = structuredClone(event);
    invoker.publish(event);
    await invoker.idle();
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((attempt) => attempt.requestId)).size).toBe(1);
    expect(failures).toHaveLength(1);
    const [failed] = failures as [Failure];
    expect(failed.event).toEqual(original);
    expect(failed.error).toBeInstanceOf(Error);
    expect((failed.error as Error).message).toBe('attempt 3 failed');
    expect(failed.failure).toEqual({
      awsRequestId: attempts[0]?.requestId,
      approximateInvokeCount: 3,
      condition: 'RetriesExhausted',
    });
    expect(invoker.counters).toMatchObject({
      published: 1,
      invocations: 3,
      failedInvocations: 3,
      succeeded: 0,
      retriesExhausted: 1,
    });
  });

  it('stops retrying once an attempt succeeds', async () => {
    let attempts = 0;
    const failures: Failure[] = [];
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-inbound-test',
      timeoutMs: 5_000,
      retryDelaysMs: [10, 10],
      logger: quiet,
      handler: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('passing failure');
      },
      onFailure: (event, error, failure) => {
        failures.push({ event, error, failure });
      },
    });
    invoker.publish(snsEvent('once more'));
    await invoker.idle();
    expect(attempts).toBe(2);
    expect(failures).toEqual([]);
    expect(invoker.counters).toMatchObject({ invocations: 2, succeeded: 1, failedInvocations: 1 });
  });

  it('counts a timeout as a failed attempt', async () => {
    const failures: Failure[] = [];
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-slow-test',
      timeoutMs: 50,
      retryDelaysMs: [10],
      logger: quiet,
      handler: async () => {
        await sleep(300);
      },
      onFailure: (event, error, failure) => {
        failures.push({ event, error, failure });
      },
    });
    invoker.publish(snsEvent('slow'));
    await invoker.idle();
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toBeInstanceOf(LambdaTimeoutError);
    expect(failures[0]?.failure.approximateInvokeCount).toBe(2);
    expect(invoker.counters).toMatchObject({ invocations: 2, timeouts: 2, retriesExhausted: 1 });
  });

  it('runs events concurrently, without a limit', async () => {
    let running = 0;
    let most = 0;
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-inbound-test',
      timeoutMs: 5_000,
      logger: quiet,
      handler: async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(100);
        running -= 1;
      },
    });
    for (let index = 0; index < 20; index += 1) invoker.publish(snsEvent(`event ${index}`));
    await invoker.idle();
    expect(most).toBe(20);
    expect(invoker.counters.succeeded).toBe(20);
  });

  it('logs and survives an on-failure destination that throws', async () => {
    const errors: unknown[] = [];
    const invoker = new SnsAsyncInvoker({
      functionName: 'wecare-inbound-test',
      timeoutMs: 5_000,
      retryDelaysMs: [],
      logger: { error: (message: unknown) => errors.push(message), warn: () => undefined },
      handler: async () => {
        throw new Error('always');
      },
      onFailure: () => {
        throw new Error('dead-letter queue unreachable');
      },
    });
    invoker.publish(snsEvent('lost'));
    await invoker.idle();
    expect(errors).toHaveLength(1);
    expect(invoker.counters).toMatchObject({ invocations: 1, retriesExhausted: 1 });
  });
});
