import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { lambdaShell } from '#functions/lambda-shell.ts';
import { outboundFunction } from '#functions/outbound-function.ts';
import {
  alarmNames,
  bulkWorkerMetrics,
  dashboardName,
  ObservabilityStack,
  type ObservabilityStackProps,
  whatsAppTierLimitContextKey,
} from './observability-stack.ts';

const config = loadConfig({ WECARE_ENV: 'aws' });
const topicArn = config.sns.topicArn;
const functionNames = [
  'wecare-inbound-whatsapp',
  'wecare-ai-generate-response',
  'wecare-ai-query-kb',
  'wecare-agent-reconcile',
  'wecare-outbound-whatsapp',
  'wecare-outbound-sms',
  'wecare-outbound-email',
  'wecare-dlq-replay',
];
const deadLetterQueueNames = [
  config.queues.inboundDlq,
  config.queues.whatsAppInboundDlq,
  config.queues.outboundDlq,
  config.queues.bulkDlq,
  config.queues.agentDlq,
];

function synth(props: Partial<ObservabilityStackProps> = {}, context: Record<string, unknown> = {}) {
  const stack = new ObservabilityStack(new App({ context }), 'Observability', {
    env: { account: config.aws.accountId, region: config.aws.region },
    config,
    functionNames,
    deadLetterQueueNames,
    httpApiId: 'a1b2c3d4e5',
    ...props,
  });
  return Template.fromStack(stack);
}

const template = synth();

interface MetricQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

type Resource = { Type: string; Properties: Record<string, unknown> };

function resourceNamed(
  from: Template,
  name: string,
): { logicalId: string; properties: Record<string, unknown> } {
  const resources = from.toJSON().Resources as Record<string, Resource>;
  const found = Object.entries(resources).filter(([, resource]) => resource.Properties?.AlarmName === name);
  expect(found, `one alarm named ${name}`).toHaveLength(1);
  const [logicalId, resource] = found[0] as [string, Resource];
  return { logicalId, properties: resource.Properties };
}

function alarmNamed(from: Template, name: string) {
  const { properties } = resourceNamed(from, name);
  const metrics = properties.Metrics as MetricQuery[];
  const watched = metrics?.find((query) => query.ReturnData !== false);
  /** Each metric the expression reads: id → namespace, name, dimensions (as an object), period, statistic. */
  const reads = Object.fromEntries(
    (metrics ?? [])
      .filter((query) => query.MetricStat)
      .map((query) => {
        const stat = query.MetricStat as NonNullable<MetricQuery['MetricStat']>;
        return [
          query.Id,
          {
            namespace: stat.Metric.Namespace,
            metricName: stat.Metric.MetricName,
            dimensions: Object.fromEntries(
              stat.Metric.Dimensions.map((dimension) => [dimension.Name, dimension.Value]),
            ),
            period: stat.Period,
            stat: stat.Stat,
          },
        ];
      }),
  );
  return { properties, expression: watched?.Expression, reads };
}

/** Our counts' dimensions as Powertools publishes them (see the EMF test below). */
const ours = (functionName: string) => ({ service: functionName, function: functionName });

describe('ObservabilityStack alarms', () => {
  it.each([
    [alarmNames.dlqDepth, 10, 'GreaterThanOrEqualToThreshold'],
    [alarmNames.whatsAppTierLimit, 80, 'GreaterThanOrEqualToThreshold'],
    [alarmNames.apiErrorRate, 5, 'GreaterThanThreshold'],
    [alarmNames.bulkJobFailureRate, 10, 'GreaterThanThreshold'],
    [alarmNames.agentUnansweredMessages, 0, 'GreaterThanThreshold'],
  ])(
    '%s: threshold %d (%s), notifying the seed topic on alarm and recovery',
    (name, threshold, comparison) => {
      const { properties } = alarmNamed(template, name);
      expect(properties).toMatchObject({
        Threshold: threshold,
        ComparisonOperator: comparison,
        AlarmActions: [topicArn],
        OKActions: [topicArn],
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('wecare-lambda-error-rate: any function above 1 % of its invocations, one notification for all', () => {
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 1);
    const composite = resourceNamed(template, alarmNames.lambdaErrorRate).properties;
    expect(composite).toMatchObject({ AlarmActions: [topicArn], OKActions: [topicArn] });
    const rule = JSON.stringify(composite.AlarmRule);
    for (const [index, functionName] of functionNames.entries()) {
      const child = resourceNamed(template, `${alarmNames.lambdaErrorRate}-${functionName}`);
      expect(rule).toContain(`"${child.logicalId}"`);
      const { properties, expression, reads } = alarmNamed(
        template,
        `${alarmNames.lambdaErrorRate}-${functionName}`,
      );
      expect(properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        TreatMissingData: 'notBreaching',
      });
      // The composite notifies; a child that did too would send every notification twice.
      expect(properties.AlarmActions).toBeUndefined();
      expect(expression).toBe(
        `IF(invocations${index} > 0, 100 * FILL(errors${index}, 0) / invocations${index}, 0)`,
      );
      expect(reads).toEqual({
        [`errors${index}`]: {
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: functionName },
          period: 300,
          stat: 'Sum',
        },
        [`invocations${index}`]: {
          namespace: 'AWS/Lambda',
          metricName: 'Invocations',
          dimensions: { FunctionName: functionName },
          period: 300,
          stat: 'Sum',
        },
      });
    }
    expect(rule.match(/ALARM\(/g)).toHaveLength(functionNames.length);
  });

  it('wecare-dlq-depth: the messages visible in every dead-letter queue, summed', () => {
    const { expression, reads } = alarmNamed(template, alarmNames.dlqDepth);
    expect(expression).toBe('SUM([dlq0, dlq1, dlq2, dlq3, dlq4])');
    expect(Object.values(reads)).toEqual(
      deadLetterQueueNames.map((queueName) => ({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: queueName },
        period: 300,
        stat: 'Maximum',
      })),
    );
  });

  it('wecare-whatsapp-tier-limit: templates sent over a rolling day, as a percentage of the tier (1000 unless set)', () => {
    const { expression, reads } = alarmNamed(template, alarmNames.whatsAppTierLimit);
    expect(expression).toBe('100 * SUM([outbound, bulk]) / 1000');
    expect(reads).toEqual({
      outbound: {
        namespace: 'WECARE.DIGITAL',
        metricName: 'TemplatesSent',
        dimensions: ours('wecare-outbound-whatsapp'),
        period: 86400,
        stat: 'Sum',
      },
      bulk: {
        namespace: 'WECARE.DIGITAL',
        metricName: 'TemplatesSent',
        dimensions: ours('wecare-bulk-worker'),
        period: 86400,
        stat: 'Sum',
      },
    });
    const tier10k = synth({}, { [whatsAppTierLimitContextKey]: '10000' });
    expect(alarmNamed(tier10k, alarmNames.whatsAppTierLimit).expression).toBe(
      '100 * SUM([outbound, bulk]) / 10000',
    );
    expect(() => synth({}, { [whatsAppTierLimitContextKey]: 'unlimited' })).toThrow(/positive whole number/);
  });

  it("wecare-api-error-rate: the HTTP API's 5xx over its requests, only when there is an API", () => {
    const { expression, reads } = alarmNamed(template, alarmNames.apiErrorRate);
    expect(expression).toBe('IF(requests > 0, 100 * FILL(serverErrors, 0) / requests, 0)');
    expect(reads).toEqual({
      serverErrors: {
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensions: { ApiId: 'a1b2c3d4e5' },
        period: 300,
        stat: 'Sum',
      },
      requests: {
        namespace: 'AWS/ApiGateway',
        metricName: 'Count',
        dimensions: { ApiId: 'a1b2c3d4e5' },
        period: 300,
        stat: 'Sum',
      },
    });
    const withoutApi = synth({ httpApiId: undefined });
    expect(
      Object.keys(
        withoutApi.findResources('AWS::CloudWatch::Alarm', {
          Properties: { AlarmName: alarmNames.apiErrorRate },
        }),
      ),
    ).toHaveLength(0);
    expect(Object.keys(withoutApi.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(
      Object.keys(template.findResources('AWS::CloudWatch::Alarm')).length - 1,
    );
  });

  it("wecare-bulk-job-failure-rate: the bulk worker's failed messages over those it attempted", () => {
    const { expression, reads } = alarmNamed(template, alarmNames.bulkJobFailureRate);
    expect(expression).toBe('IF(attempted > 0, 100 * FILL(failed, 0) / attempted, 0)');
    expect(reads).toEqual({
      failed: {
        namespace: 'WECARE.DIGITAL',
        metricName: bulkWorkerMetrics.failed,
        dimensions: ours('wecare-bulk-worker'),
        period: 300,
        stat: 'Sum',
      },
      attempted: {
        namespace: 'WECARE.DIGITAL',
        metricName: bulkWorkerMetrics.attempted,
        dimensions: ours('wecare-bulk-worker'),
        period: 300,
        stat: 'Sum',
      },
    });
  });

  it("wecare-agent-unanswered-messages: the reconcile sweep's redispatches", () => {
    const { properties, reads } = alarmNamed(template, alarmNames.agentUnansweredMessages);
    expect(properties.EvaluationPeriods).toBe(1);
    expect(Object.values(reads)).toEqual([
      {
        namespace: 'WECARE.DIGITAL',
        metricName: 'UnansweredRedispatched',
        dimensions: ours('wecare-agent-reconcile'),
        period: 300,
        stat: 'Sum',
      },
    ]);
  });

  it('refuses more dead-letter queues than one alarm may read', () => {
    const eleven = Array.from({ length: 11 }, (_, index) => `queue-${index}`);
    expect(() => synth({ deadLetterQueueNames: eleven })).toThrow(/dead-letter queues/);
  });
});

/** Runs a handler with metrics on (the test world turns them off) and returns the EMF it printed. */
async function publishedMetrics(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
  return written
    .flatMap((text) => text.split('\n'))
    .filter((line) => line.includes('"CloudWatchMetrics"'))
    .map((line) => JSON.parse(line));
}

describe('our counts, as the Lambda shell publishes them', () => {
  it('carry exactly the dimension set the alarms read: service and function, both the function name', async () => {
    const handler = lambdaShell('wecare-outbound-whatsapp', async (_event: unknown, _context, { count }) => {
      count('TemplatesSent');
    });
    const [emf] = await publishedMetrics(() => handler({}, lambdaContext('wecare-outbound-whatsapp', 3000)));
    expect(emf?._aws).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'WECARE.DIGITAL', Dimensions: [['service', 'function']] }],
    });
    expect(emf).toMatchObject({ ...ours('wecare-outbound-whatsapp'), TemplatesSent: 1 });
    const { reads } = alarmNamed(template, alarmNames.whatsAppTierLimit);
    expect(reads.outbound?.dimensions).toEqual(ours('wecare-outbound-whatsapp'));
  });

  it('count a template the WhatsApp outbound function sent (TemplatesSent), and no other message', async () => {
    const handler = outboundFunction('wecare-outbound-whatsapp', () => ({
      send: async () => ({ wamid: 'wamid.sent' }),
    }));
    const send = (type: string) =>
      publishedMetrics(() => handler({ content: { type } }, lambdaContext('wecare-outbound-whatsapp', 3000)));
    expect((await send('template'))[0]).toMatchObject({ Sent: 1, TemplatesSent: 1 });
    const text = (await send('text'))[0];
    expect(text).toMatchObject({ Sent: 1 });
    expect(text).not.toHaveProperty('TemplatesSent');
  });
});

/** The dashboard's body: an Fn::Join over the region (and alarm ARNs), resolved here. */
function dashboardBody(from: Template) {
  const dashboards = Object.values(from.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
  expect(dashboards).toHaveLength(1);
  const properties = dashboards[0]?.Properties as { DashboardName: string; DashboardBody: unknown };
  const join = (properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      if (JSON.stringify(part) === '{"Ref":"AWS::Region"}') return config.aws.region;
      const attribute = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (attribute) return `arn-of:${attribute[0]}`;
      throw new Error(`Unexpected token in the dashboard body: ${JSON.stringify(part)}`);
    })
    .join(join[0]);
  return {
    name: properties.DashboardName,
    body: JSON.parse(text) as {
      widgets: {
        type: string;
        properties: { title: string; metrics?: unknown[][]; annotations?: unknown };
      }[];
    },
  };
}

describe('ObservabilityStack dashboard', () => {
  const { name, body } = dashboardBody(template);
  const widget = (title: string) => {
    const found = body.widgets.find((candidate) => candidate.properties.title === title);
    expect(found, title).toBeDefined();
    return found as NonNullable<typeof found>;
  };
  const metricNames = (title: string) =>
    (widget(title).properties.metrics ?? []).map((line) =>
      typeof line[0] === 'string' ? `${line[1]}:${line[3]}` : (line[0] as { expression: string }).expression,
    );

  it("is the seed's WECARE-DIGITAL-Dashboard with its six widgets and the bot's split", () => {
    expect(name).toBe(dashboardName);
    expect(body.widgets.map((candidate) => candidate.properties.title)).toEqual([
      'Message Delivery by Channel',
      'Message Failures by Channel',
      'Bulk Job Performance',
      'DLQ Depth (all queues)',
      'WhatsApp Tier Usage',
      'WhatsApp Tier Usage: Alarm',
      'Lambda Error Rates',
      'Bot Answers: Answered vs Handed Over',
    ]);
  });

  it('shows delivery and failures for WhatsApp, SMS and email', () => {
    expect(metricNames('Message Delivery by Channel')).toEqual([
      'Sent:wecare-outbound-whatsapp',
      'Sent:wecare-outbound-sms',
      'Sent:wecare-outbound-email',
      'AgentJob-answered:wecare-ai-generate-response',
    ]);
    expect(metricNames('Message Failures by Channel')).toEqual([
      'DeadLettered:wecare-outbound-whatsapp',
      'Refused:wecare-outbound-whatsapp',
      'DeadLettered:wecare-outbound-sms',
      'Refused:wecare-outbound-sms',
      'DeadLettered:wecare-outbound-email',
      'Refused:wecare-outbound-email',
      'InboundDeadLettered:wecare-inbound-whatsapp',
    ]);
  });

  it('shows the bulk jobs, every dead-letter queue, the tier and every function', () => {
    expect(metricNames('Bulk Job Performance')).toEqual([
      'BulkMessagesAttempted:wecare-bulk-worker',
      'BulkMessagesFailed:wecare-bulk-worker',
      `ApproximateNumberOfMessagesVisible:${config.queues.bulk}`,
      'IF(attempted > 0, 100 * FILL(failed, 0) / attempted, 0)',
    ]);
    expect(metricNames('DLQ Depth (all queues)')).toEqual([
      ...deadLetterQueueNames.map((queueName) => `ApproximateNumberOfMessagesVisible:${queueName}`),
      'SUM([dlq0, dlq1, dlq2, dlq3, dlq4])',
    ]);
    expect(metricNames('WhatsApp Tier Usage')[0]).toBe('100 * SUM([outbound, bulk]) / 1000');
    const tierAlarm = resourceNamed(template, alarmNames.whatsAppTierLimit).logicalId;
    expect(widget('WhatsApp Tier Usage: Alarm').properties.annotations).toEqual({
      alarms: [`arn-of:${tierAlarm}`],
    });
    const rates = metricNames('Lambda Error Rates').filter((line) => line.startsWith('IF('));
    expect(rates).toHaveLength(functionNames.length);
  });

  it("splits the bot's jobs into answered and handed over", () => {
    expect(metricNames('Bot Answers: Answered vs Handed Over')).toEqual([
      'AgentJob-answered:wecare-ai-generate-response',
      'AgentJob-handed-over:wecare-ai-generate-response',
      'IF(jobs > 0, 100 * FILL(handedOver, 0) / jobs, 0)',
      'SUM([answered, handedOver])',
    ]);
  });
});
