import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { logger as productLogger } from '#core/logger/logger.ts';
import { queueUrl } from '#core/queues/queue-url.ts';
import { invokeWithTimeout, type LambdaRuntimeLogger, LambdaTimeoutError } from './invoke-with-timeout.ts';

/** An SQS-triggered handler module's export, exactly as AWS invokes it. */
export type SqsLambdaHandler = (
  event: SQSEvent,
  context: Context,
  // biome-ignore lint/suspicious/noConfusingVoidType: as @types/aws-lambda's SQSHandler: returning nothing reports no failure.
) => Promise<SQSBatchResponse | void>;

export interface SqsEventSourceOptions {
  /** The real SQS client (`createAwsClients(config).sqs`); in the local world it reaches fauxqs. */
  sqs: SQSClient;
  queueName: string;
  handler: SqsLambdaHandler;
  functionName: string;
  /** The deployed function's timeout; a handler still running after it has failed. */
  timeoutMs: number;
  /** Records per invocation (default 10; above 10 needs a batching window, as in AWS). */
  batchSize?: number;
  /** How long to keep gathering records once the first arrives (default 0: invoke at once). */
  maximumBatchingWindowMs?: number;
  /** Concurrent invocations (default 2; AWS's ScalingConfig.MaximumConcurrency). */
  maxConcurrency?: number;
  /** FunctionResponseTypes: ['ReportBatchItemFailures'] (default true). */
  reportBatchItemFailures?: boolean;
  /** Long-poll wait per ReceiveMessage (default 1 s, so `stop()` returns quickly). */
  waitTimeSeconds?: number;
  /** Backoff after a failed poll: first wait, doubled up to the maximum (default 200 ms → 5 s). */
  pollErrorBackoffMs?: { initial: number; max: number };
  logger?: LambdaRuntimeLogger;
}

export interface SqsEventSourceCounters {
  /** Handler invocations (each with one batch). */
  invocations: number;
  /** Records handed to the handler, counting each delivery. */
  records: number;
  /** Invocations that failed as a whole: a throw, a timeout or an invalid batch response. */
  failures: number;
  /** Of those, timeouts. */
  timeouts: number;
  /** Records not deleted after an invocation (failed batches and reported item failures). */
  failedRecords: number;
  /** Records deleted after a successful invocation. */
  deletedRecords: number;
  /** Failed ReceiveMessage / GetQueueAttributes calls of the poller itself. */
  pollErrors: number;
}

interface QueueSource {
  url: string;
  arn: string;
  region: string;
}

type Outcome =
  | { kind: 'success'; failedIds: ReadonlySet<string> }
  | { kind: 'failure'; error: unknown; timedOut: boolean };

/**
 * What a Lambda event source mapping does for an SQS queue, on one machine: long-polls the real
 * queue, hands batches to the handler in AWS's SQS event shape, deletes what succeeded and leaves
 * the rest to come back after the visibility timeout (and to the queue's redrive policy, which
 * moves a message to its dead-letter queue after `maxReceiveCount` receives).
 *
 * - success: every record is deleted, except those named in `batchItemFailures`
 *   (with `reportBatchItemFailures`); a failure naming an empty or unknown `itemIdentifier`, or a
 *   response that is not a batch response, fails the whole batch, as AWS documents;
 * - a throw or a timeout: nothing is deleted;
 * - a failing poll (SQS unreachable, queue missing) is logged and retried with backoff.
 */
export class SqsEventSource {
  readonly counters: SqsEventSourceCounters = {
    invocations: 0,
    records: 0,
    failures: 0,
    timeouts: 0,
    failedRecords: 0,
    deletedRecords: 0,
    pollErrors: 0,
  };

  private readonly batchSize: number;
  private readonly windowMs: number;
  private readonly maxConcurrency: number;
  private readonly reportBatchItemFailures: boolean;
  private readonly waitTimeSeconds: number;
  private readonly backoff: { initial: number; max: number };
  private readonly log: LambdaRuntimeLogger;
  private running = false;
  private workers: Promise<void>[] = [];
  private wake = new AbortController();
  private source: Promise<QueueSource> | undefined;
  /** Workers holding received messages (invoking, deleting or releasing them). */
  private busy = 0;

  constructor(private readonly options: SqsEventSourceOptions) {
    this.batchSize = options.batchSize ?? 10;
    this.windowMs = options.maximumBatchingWindowMs ?? 0;
    this.maxConcurrency = options.maxConcurrency ?? 2;
    this.reportBatchItemFailures = options.reportBatchItemFailures ?? true;
    this.waitTimeSeconds = options.waitTimeSeconds ?? 1;
    this.backoff = options.pollErrorBackoffMs ?? { initial: 200, max: 5_000 };
    this.log = options.logger ?? productLogger('local-lambda');
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 10_000)
      throw new RangeError(`batchSize must be an integer from 1 to 10000, got ${this.batchSize}`);
    if (this.batchSize > 10 && this.windowMs <= 0)
      throw new RangeError('A batchSize above 10 needs a maximumBatchingWindowMs, as in AWS');
    if (!Number.isInteger(this.maxConcurrency) || this.maxConcurrency < 1)
      throw new RangeError(`maxConcurrency must be a positive integer, got ${this.maxConcurrency}`);
    if (!Number.isInteger(this.waitTimeSeconds) || this.waitTimeSeconds < 0 || this.waitTimeSeconds > 20)
      throw new RangeError(`waitTimeSeconds must be an integer from 0 to 20, got ${this.waitTimeSeconds}`);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts polling with `maxConcurrency` pollers, each invoking the handler with its batches. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake = new AbortController();
    this.workers = Array.from({ length: this.maxConcurrency }, () => this.poll());
  }

  /**
   * Stops polling and waits for the invocations in flight (and their deletes). A batch that
   * arrives from a long poll after the stop is not invoked: it is made visible again at once.
   */
  async stop(): Promise<void> {
    if (!this.running) {
      await Promise.all(this.workers);
      return;
    }
    this.running = false;
    this.wake.abort();
    await Promise.all(this.workers);
  }

  /**
   * Resolves when the queue holds no message (visible, in flight or delayed) and no invocation
   * is in flight; rejects after `timeoutMs` (default 15 s). For tests and scripts.
   */
  async idle(options: { timeoutMs?: number; pollIntervalMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const interval = options.pollIntervalMs ?? 50;
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer from SQS';
    for (;;) {
      if (this.busy === 0) {
        try {
          const { url } = await this.queueSource();
          const answer = await this.options.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: url,
              AttributeNames: [
                'ApproximateNumberOfMessages',
                'ApproximateNumberOfMessagesNotVisible',
                'ApproximateNumberOfMessagesDelayed',
              ],
            }),
          );
          const counts = answer.Attributes ?? {};
          const visible = Number(counts.ApproximateNumberOfMessages ?? 0);
          const inFlight = Number(counts.ApproximateNumberOfMessagesNotVisible ?? 0);
          const delayed = Number(counts.ApproximateNumberOfMessagesDelayed ?? 0);
          if (visible === 0 && inFlight === 0 && delayed === 0 && this.busy === 0) return;
          last = `${visible} visible, ${inFlight} in flight, ${delayed} delayed`;
        } catch (error) {
          last = error instanceof Error ? error.message : String(error);
        }
      } else last = `${this.busy} invocation(s) in flight`;
      if (Date.now() >= deadline)
        throw new Error(`Queue ${this.options.queueName} not idle after ${timeoutMs} ms (${last})`);
      await sleep(interval);
    }
  }

  private async poll(): Promise<void> {
    let backoffMs = 0;
    while (this.running) {
      let messages: Message[];
      let source: QueueSource;
      try {
        source = await this.queueSource();
        messages = await this.receiveBatch(source.url);
        backoffMs = 0;
      } catch (error) {
        if (!this.running) break;
        this.counters.pollErrors += 1;
        backoffMs = backoffMs === 0 ? this.backoff.initial : Math.min(backoffMs * 2, this.backoff.max);
        this.log.error('SQS event source poll failed; retrying', {
          queue: this.options.queueName,
          functionName: this.options.functionName,
          retryInMs: backoffMs,
          error,
        });
        await this.pause(backoffMs);
        continue;
      }
      if (messages.length === 0) continue;
      this.busy += 1;
      try {
        if (this.running) await this.invoke(source, messages);
        else await this.release(source.url, messages);
      } finally {
        this.busy -= 1;
      }
    }
  }

  /** One ReceiveMessage, or (with a batching window) as many as fill the batch within the window. */
  private async receiveBatch(url: string): Promise<Message[]> {
    const first = await this.receive(url, Math.min(this.batchSize, 10), this.waitTimeSeconds);
    if (first.length === 0 || this.windowMs <= 0) return first;
    const batch = [...first];
    const deadline = Date.now() + this.windowMs;
    while (this.running && batch.length < this.batchSize) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const wait = Math.min(this.waitTimeSeconds, Math.floor(left / 1000));
      const more = await this.receive(url, Math.min(this.batchSize - batch.length, 10), wait);
      batch.push(...more);
      if (more.length === 0 && wait === 0) await this.pause(Math.min(left, 50));
    }
    return batch;
  }

  private async receive(
    url: string,
    maxNumberOfMessages: number,
    waitTimeSeconds: number,
  ): Promise<Message[]> {
    const answer = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: maxNumberOfMessages,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return answer.Messages ?? [];
  }

  private async invoke(source: QueueSource, messages: readonly Message[]): Promise<void> {
    const records = messages.map((message) => sqsRecord(message, source));
    const event: SQSEvent = { Records: records };
    const { functionName, timeoutMs } = this.options;
    const context = lambdaContext(functionName, timeoutMs, {
      region: source.region,
      accountId: accountOf(source.arn),
    });
    this.counters.invocations += 1;
    this.counters.records += records.length;
    let outcome: Outcome;
    try {
      const response = await invokeWithTimeout(this.options.handler, event, context, timeoutMs);
      outcome = this.judge(response, records);
    } catch (error) {
      outcome = { kind: 'failure', error, timedOut: error instanceof LambdaTimeoutError };
    }
    if (outcome.kind === 'failure') {
      this.counters.failures += 1;
      if (outcome.timedOut) this.counters.timeouts += 1;
      this.counters.failedRecords += records.length;
      this.log.warn('SQS batch failed; its messages return after the visibility timeout', {
        queue: this.options.queueName,
        functionName,
        awsRequestId: context.awsRequestId,
        records: records.length,
        error: outcome.error,
      });
      return;
    }
    const { failedIds } = outcome;
    const done = records.filter((record) => !failedIds.has(record.messageId));
    this.counters.failedRecords += records.length - done.length;
    await this.delete(source.url, done);
  }

  /** Reads the handler's response as the event source mapping does. */
  private judge(response: unknown, records: readonly SQSRecord[]): Outcome {
    const none: ReadonlySet<string> = new Set();
    if (!this.reportBatchItemFailures || response === undefined || response === null)
      return { kind: 'success', failedIds: none };
    const invalid = (reason: string): Outcome => ({
      kind: 'failure',
      error: new Error(`Invalid batch response: ${reason}`),
      timedOut: false,
    });
    if (typeof response !== 'object' || Array.isArray(response)) return invalid('not an object');
    const failures: unknown = (response as { batchItemFailures?: unknown }).batchItemFailures;
    if (failures === undefined || failures === null) return { kind: 'success', failedIds: none };
    if (!Array.isArray(failures)) return invalid('batchItemFailures is not a list');
    const known = new Set(records.map((record) => record.messageId));
    const failedIds = new Set<string>();
    for (const failure of failures) {
      const id: unknown =
        typeof failure === 'object' && failure !== null
          ? (failure as { itemIdentifier?: unknown }).itemIdentifier
          : undefined;
      if (typeof id !== 'string' || id === '') return invalid('an itemIdentifier is missing or empty');
      if (!known.has(id)) return invalid(`itemIdentifier ${id} is not a message of this batch`);
      failedIds.add(id);
    }
    return { kind: 'success', failedIds };
  }

  private async delete(url: string, records: readonly SQSRecord[]): Promise<void> {
    for (const chunk of chunks(records, 10)) {
      try {
        const answer = await this.options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: chunk.map((record, index) => ({ Id: `m${index}`, ReceiptHandle: record.receiptHandle })),
          }),
        );
        this.counters.deletedRecords += answer.Successful?.length ?? 0;
        if (answer.Failed?.length)
          this.log.error('SQS event source could not delete processed messages', {
            queue: this.options.queueName,
            failed: answer.Failed,
          });
      } catch (error) {
        this.log.error('SQS event source could not delete processed messages', {
          queue: this.options.queueName,
          error,
        });
      }
    }
  }

  /** Makes messages received after `stop()` visible again at once, for the next consumer. */
  private async release(url: string, messages: readonly Message[]): Promise<void> {
    for (const chunk of chunks(messages, 10)) {
      await this.options.sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: url,
            Entries: chunk.map((message, index) => ({
              Id: `m${index}`,
              ReceiptHandle: message.ReceiptHandle,
              VisibilityTimeout: 0,
            })),
          }),
        )
        .catch((error: unknown) =>
          this.log.warn('SQS event source could not release messages after stop', {
            queue: this.options.queueName,
            error,
          }),
        );
    }
  }

  /** The queue's URL and ARN, asked of SQS once (a failed lookup is asked again). */
  private queueSource(): Promise<QueueSource> {
    this.source ??= (async () => {
      const url = await queueUrl(this.options.sqs, this.options.queueName);
      const answer = await this.options.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      const arn = answer.Attributes?.QueueArn;
      if (!arn) throw new Error(`SQS returned no ARN for queue ${this.options.queueName}`);
      return { url, arn, region: arn.split(':')[3] ?? '' };
    })();
    const pending = this.source;
    pending.catch(() => {
      if (this.source === pending) this.source = undefined;
    });
    return pending;
  }

  /** Waits, but no longer than until `stop()`. */
  private pause(ms: number): Promise<void> {
    const signal = this.wake.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** One received message as a record of Lambda's SQS event. */
export function sqsRecord(message: Message, source: { arn: string; region: string }): SQSRecord {
  const system = message.Attributes ?? {};
  const attributes: SQSRecord['attributes'] = {
    ApproximateReceiveCount: system.ApproximateReceiveCount ?? '1',
    SentTimestamp: system.SentTimestamp ?? '',
    SenderId: system.SenderId ?? '',
    ApproximateFirstReceiveTimestamp: system.ApproximateFirstReceiveTimestamp ?? '',
  };
  for (const name of [
    'AWSTraceHeader',
    'SequenceNumber',
    'MessageGroupId',
    'MessageDeduplicationId',
    'DeadLetterQueueSourceArn',
  ] as const) {
    const value = system[name];
    if (value !== undefined) attributes[name] = value;
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes: lambdaMessageAttributes(message.MessageAttributes),
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: source.arn,
    awsRegion: source.region,
  };
}

/** SQS's message attributes as Lambda writes them: camel case, binary values in base64, lists always present. */
function lambdaMessageAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map(base64),
      dataType: value.DataType ?? 'String',
    };
  }
  return result;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '000000000000';
}

function chunks<Item>(items: readonly Item[], size: number): Item[][] {
  const result: Item[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
