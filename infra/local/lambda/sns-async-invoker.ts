import type { Context, SNSEvent } from 'aws-lambda';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { logger as productLogger } from '#core/logger/logger.ts';
import { invokeWithTimeout, type LambdaRuntimeLogger, LambdaTimeoutError } from './invoke-with-timeout.ts';

/** An SNS-triggered handler module's export, exactly as AWS invokes it; its result is ignored. */
export type SnsLambdaHandler = (event: SNSEvent, context: Context) => Promise<unknown>;

/** What the on-failure destination learns besides the event and the last error. */
export interface AsyncInvocationFailure {
  /** The request id, the same for every attempt (as in Lambda). */
  awsRequestId: string;
  /** How many times the handler ran (1 + retries). */
  approximateInvokeCount: number;
  condition: 'RetriesExhausted';
}

export interface SnsAsyncInvokerOptions {
  handler: SnsLambdaHandler;
  functionName: string;
  /** The deployed function's timeout; a handler still running after it has failed. */
  timeoutMs: number;
  /**
   * The wait before each retry; its length is Lambda's MaximumRetryAttempts (0–2). Lambda waits
   * about a minute, then two; the local world defaults to 1 s and 2 s, tests shorten them.
   */
  retryDelaysMs?: readonly number[];
  /** The on-failure destination (the caller puts the event on its dead-letter queue). */
  onFailure?: (event: SNSEvent, error: unknown, failure: AsyncInvocationFailure) => Promise<void> | void;
  region?: string;
  accountId?: string;
  logger?: LambdaRuntimeLogger;
}

export interface SnsAsyncInvokerCounters {
  /** Events published to the invoker. */
  published: number;
  /** Handler runs, retries included. */
  invocations: number;
  /** Handler runs that threw or timed out. */
  failedInvocations: number;
  timeouts: number;
  /** Events that succeeded on some attempt. */
  succeeded: number;
  /** Events that failed every attempt (handed to the on-failure destination, if any). */
  retriesExhausted: number;
}

/**
 * What SNS and Lambda's asynchronous invocation do for a function subscribed to a topic, on one
 * machine: `publish` returns at once (SNS does not wait for the function); the handler runs in
 * the background; a throw or a timeout is retried after each of `retryDelaysMs` (Lambda retries
 * twice) with the same event and request id; after the last failure the event goes to
 * `onFailure`, Lambda's on-failure destination. Concurrency is unbounded, as in Lambda.
 */
export class SnsAsyncInvoker {
  readonly counters: SnsAsyncInvokerCounters = {
    published: 0,
    invocations: 0,
    failedInvocations: 0,
    timeouts: 0,
    succeeded: 0,
    retriesExhausted: 0,
  };

  private readonly retryDelaysMs: readonly number[];
  private readonly log: LambdaRuntimeLogger;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: SnsAsyncInvokerOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 2_000];
    this.log = options.logger ?? productLogger('local-lambda');
  }

  /** Hands the event over and returns; the handler runs asynchronously. */
  publish(event: SNSEvent): void {
    this.counters.published += 1;
    // Lambda queues the event as JSON: later changes by the publisher (or by a handler) do not reach a retry.
    const queued = structuredClone(event);
    const delivery = this.deliver(queued).catch((error: unknown) =>
      this.log.error('Asynchronous invocation failed unexpectedly', {
        functionName: this.options.functionName,
        error,
      }),
    );
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  /** Resolves when every published event has succeeded or reached the on-failure destination. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private async deliver(event: SNSEvent): Promise<void> {
    const { functionName, timeoutMs } = this.options;
    const awsRequestId = crypto.randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      const context = lambdaContext(functionName, timeoutMs, {
        awsRequestId,
        ...(this.options.region ? { region: this.options.region } : {}),
        ...(this.options.accountId ? { accountId: this.options.accountId } : {}),
      });
      this.counters.invocations += 1;
      try {
        await invokeWithTimeout(this.options.handler, structuredClone(event), context, timeoutMs);
        this.counters.succeeded += 1;
        return;
      } catch (error) {
        this.counters.failedInvocations += 1;
        if (error instanceof LambdaTimeoutError) this.counters.timeouts += 1;
        const delay = this.retryDelaysMs[attempt];
        if (delay === undefined) {
          await this.fail(event, error, {
            awsRequestId,
            approximateInvokeCount: attempt + 1,
            condition: 'RetriesExhausted',
          });
          return;
        }
        this.log.warn('Asynchronous invocation failed; Lambda retries it', {
          functionName,
          awsRequestId,
          attempt: attempt + 1,
          retryInMs: delay,
          error,
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async fail(event: SNSEvent, error: unknown, failure: AsyncInvocationFailure): Promise<void> {
    this.counters.retriesExhausted += 1;
    if (!this.options.onFailure) {
      this.log.error(
        'Asynchronous invocation failed after its retries and has no on-failure destination; event dropped',
        {
          functionName: this.options.functionName,
          ...failure,
          error,
        },
      );
      return;
    }
    try {
      await this.options.onFailure(structuredClone(event), error, failure);
    } catch (destinationError) {
      this.log.error('The on-failure destination refused the event; it is lost', {
        functionName: this.options.functionName,
        ...failure,
        error: destinationError,
      });
    }
  }
}
