import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { buildFunctions, type FunctionStackProps } from './function-set.ts';
import { seedArns } from './seed-arns.ts';

export const agentFunctionNames = [
  'wecare-ai-generate-response',
  'wecare-ai-query-kb',
  'wecare-agent-reconcile',
] as const;

/** At most this many bot invocations at once: Nova Pro's on-demand quota is the limit downstream. */
export const botMaxConcurrency = 20;

/**
 * The bot: it answers the agent queue's jobs (batches of up to 10, a failed job retried alone),
 * queries the Knowledge Base, and every minute the reconciliation sweep re-dispatches customer
 * messages that are neither answered nor deliberately silent.
 */
export class AgentStack extends Stack {
  readonly functionNames: readonly string[];

  constructor(scope: Construct, id: string, props: StackProps & FunctionStackProps) {
    super(scope, id, props);
    const functions = buildFunctions(this, props, agentFunctionNames);
    this.functionNames = [...functions.keys()];
    if (!props.live) return;
    const { config } = props;
    const bot = functions.get('wecare-ai-generate-response')?.function;
    const reconcile = functions.get('wecare-agent-reconcile')?.function;
    if (!bot || !reconcile) throw new Error('the bot functions are missing');
    const agentQueue = Queue.fromQueueArn(this, 'AgentQueue', seedArns(config).queue(config.queues.agent));
    bot.addEventSource(
      new SqsEventSource(agentQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: botMaxConcurrency,
      }),
    );
    new Rule(this, 'ReconcileEveryMinute', {
      description: 'The reconciliation sweep of unanswered customer messages',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaTarget(reconcile, { retryAttempts: 0 })],
    });
  }
}
