import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { AppError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import { currentInvocation } from '#core/lambda/current-invocation.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { type RetryPolicy, withRetries } from '#core/retry/with-retries.ts';

/**
 * What every outbound channel (WhatsApp, SMS, email) needs around its one API call: the effect
 * happens once per idempotency key (Powertools idempotency), throttling and outages are retried
 * with backoff and jitter, and a delivery that finally fails goes to the channel's dead-letter
 * queue with its whole request before the caller gets the typed error.
 */
export interface ReliableDeliveryOptions {
  /** Dead-letter kind, e.g. `whatsapp-outbound`; the replayer for it re-runs the request. */
  kind: string;
  /** The Lambda function the channel runs as (names the idempotency records). */
  functionName: string;
  persistenceStore: BasePersistenceLayer;
  deadLetters: Pick<DeadLetterQueue, 'send'>;
  retryPolicy?: RetryPolicy;
  onRetry?: (error: AppError, attempt: number) => void;
}

/** Failures whose request is already on the dead-letter queue (its replay will deliver it). */
const deadLettered = new WeakSet<object>();

/** Whether this failure's request waits on the channel's dead-letter queue for a replay. */
export function wasDeadLettered(error: unknown): boolean {
  return typeof error === 'object' && error !== null && deadLettered.has(error);
}

/** A completed delivery is remembered for the dead-letter queue's retention, so a replay never sends twice. */
const rememberSeconds = 7 * 24 * 60 * 60;

/**
 * The delivery with its retries' last resort: a failure that retrying could not help (or that
 * kept failing) goes to the channel's dead-letter queue with its whole request before the caller
 * gets the typed error. No idempotency of its own: for a caller whose claim already makes the
 * effect happen once (the bot's reservation of its reply on the conversation).
 */
export function deadLetteringDelivery<Request, Result>(
  options: Pick<ReliableDeliveryOptions, 'kind' | 'deadLetters'>,
  deliver: (request: Request) => Promise<Result>,
): (request: Request) => Promise<Result> {
  return async (request: Request) => {
    try {
      return await deliver(request);
    } catch (error) {
      const failure = asAppError(error, options.kind);
      if (failure.disposition !== 'drop') {
        await options.deadLetters.send({
          kind: options.kind,
          error: { code: failure.code, message: failure.message },
          disposition: failure.disposition,
          payload: request,
        });
        deadLettered.add(failure);
      }
      throw failure;
    }
  };
}

/** Outside a Lambda invocation (a CLI, a test), an in-progress send holds its idempotency lock this long. */
const lockOutsideLambdaMs = 60_000;

/**
 * Once per idempotency key (Powertools idempotency), with dead-lettering. The in-progress lock
 * lasts as long as the invocation that holds it (its real time left, from the handler shell), so a
 * crashed invocation's send can be retried once it is over.
 */
export function reliableDelivery<Request extends { idempotencyKey: string }, Result>(
  options: ReliableDeliveryOptions,
  deliver: (request: Request) => Promise<Result>,
): (request: Request) => Promise<Result> {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    expiresAfterSeconds: rememberSeconds,
  });
  const once = makeIdempotent(deadLetteringDelivery(options, deliver), {
    persistenceStore: options.persistenceStore,
    config,
  });
  return (request: Request) => {
    config.registerLambdaContext(
      currentInvocation() ?? lambdaContext(options.functionName, lockOutsideLambdaMs),
    );
    return once(request);
  };
}

/** One API call, retried while its failure says retrying can help. */
export function retried<T>(
  options: Pick<ReliableDeliveryOptions, 'retryPolicy' | 'onRetry'>,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  return withRetries(call, (error) => asAppError(error, operation), {
    ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
    onRetry: (error, attempt) => options.onRetry?.(error, attempt),
  });
}

function asAppError(error: unknown, operation: string): AppError {
  return error instanceof AppError ? error : classifyAwsError(error, operation);
}
