import type { Context, SNSEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { logger } from '#core/logger/logger.ts';
import { handler as reconcile } from '#functions/wecare-agent-reconcile.ts';
import { handler as generateResponse } from '#functions/wecare-ai-generate-response.ts';
import { handler as queryKnowledgeBase } from '#functions/wecare-ai-query-kb.ts';
import { handler as dlqReplay } from '#functions/wecare-dlq-replay.ts';
import { handler as inboundWhatsApp } from '#functions/wecare-inbound-whatsapp.ts';
import { handler as outboundEmail } from '#functions/wecare-outbound-email.ts';
import { handler as outboundSms } from '#functions/wecare-outbound-sms.ts';
import { handler as outboundWhatsApp } from '#functions/wecare-outbound-whatsapp.ts';
import { SnsAsyncInvoker } from '../lambda/sns-async-invoker.ts';
import { SqsEventSource } from '../lambda/sqs-event-source.ts';

/** The functions invoked directly (by the console, the CLIs, the simulator), by their AWS names. */
const directFunctions = {
  'wecare-outbound-whatsapp': { handler: outboundWhatsApp, timeoutMs: 30_000 },
  'wecare-outbound-sms': { handler: outboundSms, timeoutMs: 30_000 },
  'wecare-outbound-email': { handler: outboundEmail, timeoutMs: 30_000 },
  'wecare-ai-query-kb': { handler: queryKnowledgeBase, timeoutMs: 30_000 },
  'wecare-dlq-replay': { handler: dlqReplay, timeoutMs: 900_000 },
  'wecare-agent-reconcile': { handler: reconcile, timeoutMs: 60_000 },
} as const;
export type DirectFunctionName = keyof typeof directFunctions;
type Result<Name extends DirectFunctionName> = Awaited<ReturnType<(typeof directFunctions)[Name]['handler']>>;

export interface LocalFunctions {
  /** SNS: EUM Social publishes an event to the topic; the inbound function gets it asynchronously. */
  publishToTopic(event: SNSEvent): void;
  /** A synchronous (RequestResponse) invocation. */
  invoke<Name extends DirectFunctionName>(name: Name, event: unknown): Promise<Result<Name>>;
  /** Lambda's Invoke API (its stand-in): any function by name, undefined if there is none. */
  invokeByName(name: string, event: unknown): Promise<unknown> | undefined;
  /** Resolves when nothing is in flight: no SNS delivery, no job being handled, no job visible. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalFunctionsOptions {
  /** Lambda's retries of an asynchronous invocation (AWS: two, spaced about a minute; shorter here). */
  retryDelaysMs?: readonly number[];
  /** How often the reconciliation schedule fires (AWS: every minute). */
  reconcileEveryMs?: number;
}

/**
 * The platform's Lambda functions on one machine, wired as the CDK app wires them in AWS: the
 * inbound function subscribed to the SNS topic (asynchronous invocation: retries, then the
 * on-failure destination, the WhatsApp inbound dead-letter queue), the bot on the agent queue
 * (an event source mapping: batches, partial batch failures, redrive), the reconciliation on a
 * schedule, and the rest invoked directly. Always the handler modules' exported `handler`.
 */
export function deployLocalFunctions(
  config: Config,
  clients: AwsClients,
  options: LocalFunctionsOptions = {},
): LocalFunctions {
  const log = logger('local-lambda');
  const inboundDeadLetters = new DeadLetterQueue(clients.sqs, clients.s3, config.queues.whatsAppInboundDlq, {
    bucket: config.buckets.general.name,
    prefix: config.buckets.general.deadLetterPrefix,
  });
  const sns = new SnsAsyncInvoker({
    functionName: 'wecare-inbound-whatsapp',
    handler: (event: SNSEvent, context: Context) => inboundWhatsApp(event, context),
    timeoutMs: 30_000,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    region: config.aws.region,
    accountId: config.aws.accountId,
    onFailure: async (event: SNSEvent, error: unknown) => {
      await inboundDeadLetters.send({
        kind: 'whatsapp-inbound',
        error: { code: 'retries-exhausted', message: error instanceof Error ? error.message : String(error) },
        disposition: 'retry',
        payload: event,
      });
    },
  });
  const agentQueue = new SqsEventSource({
    sqs: clients.sqs,
    queueName: config.queues.agent,
    functionName: 'wecare-ai-generate-response',
    handler: (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
      generateResponse(event, context),
    timeoutMs: 60_000,
    batchSize: 10,
    maxConcurrency: 4,
  });
  agentQueue.start();
  const invoke = async <Name extends DirectFunctionName>(
    name: Name,
    event: unknown,
  ): Promise<Result<Name>> => {
    const target = directFunctions[name];
    const run = target.handler as (event: unknown, context: Context) => Promise<Result<Name>>;
    return run(event, lambdaContext(name, target.timeoutMs));
  };
  const sweep = () =>
    invoke('wecare-agent-reconcile', { source: 'aws.events', 'detail-type': 'Scheduled Event' }).catch(
      (error: unknown) => log.warn('Reconciliation sweep failed', { error }),
    );
  void sweep();
  const timer = setInterval(sweep, options.reconcileEveryMs ?? 30_000);
  timer.unref();
  // Lambda's Invoke reaches every function, not only those the platform calls directly.
  const byName: Record<
    string,
    { handler: (event: never, context: Context) => Promise<unknown>; timeoutMs: number }
  > = {
    ...directFunctions,
    'wecare-inbound-whatsapp': { handler: inboundWhatsApp, timeoutMs: 30_000 },
    'wecare-ai-generate-response': { handler: generateResponse, timeoutMs: 60_000 },
  };
  return {
    publishToTopic: (event) => sns.publish(event),
    invoke,
    invokeByName: (name, event) => {
      const target = byName[name];
      return target?.handler(event as never, lambdaContext(name, target.timeoutMs));
    },
    idle: async () => {
      await sns.idle();
      await agentQueue.idle();
    },
    stop: async () => {
      clearInterval(timer);
      await agentQueue.stop();
      await sns.idle();
    },
  };
}
