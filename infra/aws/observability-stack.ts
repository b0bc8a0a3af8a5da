import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  AlarmWidget,
  ComparisonOperator,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  type GraphWidgetProps,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Config } from '#core/config/config-schema.ts';

export interface ObservabilityStackProps extends StackProps {
  config: Config;
  /** Every platform Lambda function's name (FunctionName dimension). */
  functionNames: readonly string[];
  /** Every dead-letter queue's name (QueueName dimension). */
  deadLetterQueueNames: readonly string[];
  /** The HTTP API's id (ApiId dimension of AWS/ApiGateway metrics), if the API stack exists. */
  httpApiId?: string;
}

/** The seed's alarm names, and the bot's own. */
export const alarmNames = {
  lambdaErrorRate: 'wecare-lambda-error-rate',
  dlqDepth: 'wecare-dlq-depth',
  whatsAppTierLimit: 'wecare-whatsapp-tier-limit',
  apiErrorRate: 'wecare-api-error-rate',
  bulkJobFailureRate: 'wecare-bulk-job-failure-rate',
  agentUnansweredMessages: 'wecare-agent-unanswered-messages',
} as const;

export const dashboardName = 'WECARE-DIGITAL-Dashboard';

/**
 * Meta's messaging-limit tier of the business (`-c wecare:whatsappTierLimit=10000`): business-initiated
 * conversations with unique customers per rolling 24 hours (1000, 10000, 100000). Default: the first tier.
 */
export const whatsAppTierLimitContextKey = 'wecare:whatsappTierLimit';
const defaultWhatsAppTierLimit = 1000;

/**
 * What the bulk worker (a later issue) counts through the Lambda shell, per message: every one it
 * tried (`attempted`, sent or not) and those that finally failed (`failed`). It also counts
 * `TemplatesSent` for each template it sends itself (not when it invokes `wecare-outbound-whatsapp`,
 * which counts it): the tier alarm sums both functions.
 */
export const bulkWorkerMetrics = {
  functionName: 'wecare-bulk-worker',
  attempted: 'BulkMessagesAttempted',
  failed: 'BulkMessagesFailed',
} as const;

/**
 * Our own counts: `functions/lambda-shell.ts` publishes them as Powertools EMF in this namespace
 * with the dimension set [service, function], both the function's name. CloudWatch matches a
 * metric on its whole dimension set, so both dimensions are named here.
 */
const namespace = 'WECARE.DIGITAL';
const fiveMinutes = Duration.minutes(5);
const oneDay = Duration.days(1);
/** A metric math alarm may read at most ten metrics (a hard CloudWatch limit). */
const maxMetricsPerAlarm = 10;

function countOf(functionName: string, metricName: string, label: string, period = fiveMinutes): Metric {
  return new Metric({
    namespace,
    metricName,
    dimensionsMap: { service: functionName, function: functionName },
    statistic: Stats.SUM,
    period,
    label,
  });
}

/** A percentage of two sums; a period without a single event is 0 %, never a division by zero. */
function ratePercent(part: Metric, whole: Metric, label: string, ids = { part: 'part', whole: 'whole' }) {
  return new MathExpression({
    expression: `IF(${ids.whole} > 0, 100 * FILL(${ids.part}, 0) / ${ids.whole}, 0)`,
    usingMetrics: { [ids.part]: part, [ids.whole]: whole },
    label,
    period: part.period,
  });
}

function lambdaErrorRate(functionName: string, index: number): MathExpression {
  const lambdaMetric = (metricName: string) =>
    new Metric({
      namespace: 'AWS/Lambda',
      metricName,
      dimensionsMap: { FunctionName: functionName },
      statistic: Stats.SUM,
      period: fiveMinutes,
    });
  // Ids unique per function: the dashboard draws every function's expression in one graph.
  return ratePercent(lambdaMetric('Errors'), lambdaMetric('Invocations'), functionName, {
    part: `errors${index}`,
    whole: `invocations${index}`,
  });
}

/**
 * The seed's alarms and dashboard, on the metrics AWS publishes (Lambda, SQS, API Gateway) and on
 * the counts our functions publish through Powertools Metrics. Every alarm notifies the seed's
 * topic when it goes into alarm and when it recovers. Everything is addressed by name, so the stack
 * depends on no other stack beyond the API's id.
 */
export class ObservabilityStack extends Stack {
  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const { config, functionNames, deadLetterQueueNames } = props;
    if (functionNames.length === 0) throw new Error('ObservabilityStack needs the platform function names');
    if (deadLetterQueueNames.length === 0 || deadLetterQueueNames.length > maxMetricsPerAlarm)
      throw new Error(`ObservabilityStack sums 1 to ${maxMetricsPerAlarm} dead-letter queues in one alarm`);
    const notify = new SnsAction(Topic.fromTopicArn(this, 'AlarmTopic', config.sns.topicArn));
    const notifying = <T extends Alarm | CompositeAlarm>(alarm: T): T => {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
      return alarm;
    };

    // Lambda error rate, 1 %. One alarm per function, combined: a rate summed over all functions
    // would need two metrics per function, over CloudWatch's ten, and would let a busy function
    // hide a quiet one that fails every time. Two of three 5-minute periods: one error in a quiet
    // period is not an incident. No invocations, no data: nothing is failing (not breaching).
    const errorRates = functionNames.map(lambdaErrorRate);
    const functionAlarms = errorRates.map(
      (rate, index) =>
        // Named after the function, not its place in the list: a reordering must not replace alarms.
        new Alarm(this, `LambdaErrorRate-${functionNames[index]}`, {
          alarmName: `${alarmNames.lambdaErrorRate}-${functionNames[index]}`,
          alarmDescription: `Errors above 1 % of ${functionNames[index]}'s invocations (part of ${alarmNames.lambdaErrorRate}, which notifies)`,
          metric: rate,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );
    notifying(
      new CompositeAlarm(this, 'LambdaErrorRate', {
        compositeAlarmName: alarmNames.lambdaErrorRate,
        alarmDescription: 'A platform Lambda function fails more than 1 % of its invocations',
        alarmRule: AlarmRule.anyOf(...functionAlarms),
      }),
    );

    // DLQ depth, 10: the messages waiting in all dead-letter queues together. An inactive, empty
    // queue publishes nothing: not breaching.
    const queueDepth = (queueName: string) =>
      new Metric({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensionsMap: { QueueName: queueName },
        statistic: Stats.MAXIMUM,
        period: fiveMinutes,
        label: queueName,
      });
    const deadLetterDepths = deadLetterQueueNames.map(queueDepth);
    const deadLettersWaiting = new MathExpression({
      expression: `SUM([${deadLetterDepths.map((_, index) => `dlq${index}`).join(', ')}])`,
      usingMetrics: Object.fromEntries(deadLetterDepths.map((metric, index) => [`dlq${index}`, metric])),
      label: 'All dead-letter queues',
      period: fiveMinutes,
    });
    notifying(
      new Alarm(this, 'DlqDepth', {
        alarmName: alarmNames.dlqDepth,
        alarmDescription: '10 or more messages wait in the dead-letter queues (replay with npm run dlq)',
        metric: deadLettersWaiting,
        threshold: 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // WhatsApp tier usage, 80 %: template sends (each may open a business-initiated conversation)
    // over a rolling day, against the tier. Every template counts, also to the same customer or
    // inside the service window: an upper bound, so the alarm is early rather than late. No sends,
    // no data: no usage (not breaching).
    const tierLimit = whatsAppTierLimit(this);
    const templatesSent = new MathExpression({
      expression: `100 * SUM([outbound, bulk]) / ${tierLimit}`,
      usingMetrics: {
        outbound: countOf('wecare-outbound-whatsapp', 'TemplatesSent', 'Templates sent', oneDay),
        bulk: countOf(bulkWorkerMetrics.functionName, 'TemplatesSent', 'Bulk templates sent', oneDay),
      },
      label: `Templates sent in 24 h, % of the ${tierLimit} tier`,
      period: oneDay,
    });
    const tierAlarm = notifying(
      new Alarm(this, 'WhatsAppTierLimit', {
        alarmName: alarmNames.whatsAppTierLimit,
        alarmDescription: `Template sends in the last 24 h reach 80 % of the WhatsApp messaging tier (${tierLimit})`,
        metric: templatesSent,
        threshold: 80,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // API error rate, 5 %: server errors (5xx; a 4xx is the caller's) over requests. Only with an
    // API: an alarm on metrics nobody publishes would sit at OK and promise what it cannot watch.
    if (props.httpApiId !== undefined) {
      const apiMetric = (metricName: string) =>
        new Metric({
          namespace: 'AWS/ApiGateway',
          metricName,
          dimensionsMap: { ApiId: props.httpApiId as string },
          statistic: Stats.SUM,
          period: fiveMinutes,
        });
      notifying(
        new Alarm(this, 'ApiErrorRate', {
          alarmName: alarmNames.apiErrorRate,
          alarmDescription: 'Server errors (5xx) above 5 % of the HTTP API requests',
          metric: ratePercent(apiMetric('5xx'), apiMetric('Count'), 'API 5xx %', {
            part: 'serverErrors',
            whole: 'requests',
          }),
          threshold: 5,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          // No requests, no data: nothing is failing.
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // Bulk job failure rate, 10 %: on the metrics the bulk worker will publish; until it exists, and
    // whenever no bulk job runs, there is no data, and nothing is failing (not breaching).
    const bulkAttempted = countOf(bulkWorkerMetrics.functionName, bulkWorkerMetrics.attempted, 'Attempted');
    const bulkFailed = countOf(bulkWorkerMetrics.functionName, bulkWorkerMetrics.failed, 'Failed');
    const bulkFailureRate = ratePercent(bulkFailed, bulkAttempted, 'Failure %', {
      part: 'failed',
      whole: 'attempted',
    });
    notifying(
      new Alarm(this, 'BulkJobFailureRate', {
        alarmName: alarmNames.bulkJobFailureRate,
        alarmDescription: 'More than 10 % of bulk messages failed',
        metric: bulkFailureRate,
        threshold: 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // The bot's sweep found messages nobody answered: a job was lost upstream. The sweep publishes
    // every minute (zero included); a sweep that fails shows in the Lambda error rate, so missing
    // data is not breaching here.
    notifying(
      new Alarm(this, 'AgentUnansweredMessages', {
        alarmName: alarmNames.agentUnansweredMessages,
        alarmDescription:
          'The reconcile sweep redispatched unanswered customer messages: agent jobs are being lost',
        metric: countOf('wecare-agent-reconcile', 'UnansweredRedispatched', 'Conversations redispatched'),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    const channels = [
      { name: 'WhatsApp', functionName: 'wecare-outbound-whatsapp' },
      { name: 'SMS', functionName: 'wecare-outbound-sms' },
      { name: 'Email', functionName: 'wecare-outbound-email' },
    ];
    const bot = 'wecare-ai-generate-response';
    const answered = countOf(bot, 'AgentJob-answered', 'Answered');
    const handedOver = countOf(bot, 'AgentJob-handed-over', 'Handed over');
    const graph = (title: string, left: IMetric[], extra: Omit<GraphWidgetProps, 'title' | 'left'> = {}) =>
      new GraphWidget({ title, left, width: 12, height: 6, ...extra });

    new Dashboard(this, 'Dashboard', {
      dashboardName,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          // Accepted by the provider (our senders count a send once the API took it).
          graph('Message Delivery by Channel', [
            ...channels.map((channel) => countOf(channel.functionName, 'Sent', channel.name)),
            countOf(bot, 'AgentJob-answered', 'WhatsApp (bot answers)'),
          ]),
          graph('Message Failures by Channel', [
            ...channels.flatMap((channel) => [
              countOf(channel.functionName, 'DeadLettered', `${channel.name} dead-lettered`),
              countOf(channel.functionName, 'Refused', `${channel.name} refused`),
            ]),
            countOf('wecare-inbound-whatsapp', 'InboundDeadLettered', 'WhatsApp inbound dead-lettered'),
          ]),
        ],
        [
          graph('Bulk Job Performance', [bulkAttempted, bulkFailed, queueDepth(config.queues.bulk)], {
            right: [bulkFailureRate],
            rightAnnotations: [{ value: 10, label: 'Alarm: 10 % failed' }],
          }),
          graph('DLQ Depth (all queues)', [...deadLetterDepths, deadLettersWaiting], {
            leftAnnotations: [{ value: 10, label: 'Alarm: 10 waiting' }],
          }),
        ],
        [
          // The figure the alarm watches, over exactly the last 24 hours; beside it, the alarm's history
          // (a graph draws day buckets from midnight UTC, not the rolling window).
          new SingleValueWidget({
            title: 'WhatsApp Tier Usage',
            metrics: [templatesSent],
            setPeriodToTimeRange: true,
            start: '-PT24H',
            width: 6,
            height: 6,
          }),
          new AlarmWidget({ title: 'WhatsApp Tier Usage: Alarm', alarm: tierAlarm, width: 6, height: 6 }),
          graph('Lambda Error Rates', errorRates, {
            leftAnnotations: [{ value: 1, label: 'Alarm: 1 %' }],
            leftYAxis: { label: '% of invocations', min: 0 },
          }),
        ],
        [
          graph('Bot Answers: Answered vs Handed Over', [answered, handedOver], {
            stacked: true,
            right: [
              new MathExpression({
                expression: 'IF(jobs > 0, 100 * FILL(handedOver, 0) / jobs, 0)',
                usingMetrics: {
                  handedOver,
                  jobs: new MathExpression({
                    expression: 'SUM([answered, handedOver])',
                    usingMetrics: { answered, handedOver },
                    period: fiveMinutes,
                  }),
                },
                label: 'Handed over %',
                period: fiveMinutes,
              }),
            ],
          }),
        ],
      ],
    });
  }
}

function whatsAppTierLimit(stack: Stack): number {
  const raw = stack.node.tryGetContext(whatsAppTierLimitContextKey) as unknown;
  if (raw === undefined) return defaultWhatsAppTierLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit <= 0)
    throw new Error(`${whatsAppTierLimitContextKey} must be a positive whole number, not ${String(raw)}`);
  return limit;
}
