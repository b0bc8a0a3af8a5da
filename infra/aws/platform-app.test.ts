import { describe, expect, it } from 'vitest';
import { functionCatalog } from './function-catalog.ts';
import { resourcesOf, synthesizePlatform } from './synth-for-tests.ts';

const { config, templates } = synthesizePlatform();
const catalog = functionCatalog(config);
const functions = resourcesOf(templates, 'AWS::Lambda::Function').filter(
  // CDK's own helpers (the custom resource provider, log retention) are not ours.
  ({ resource }) => String(resource.Properties?.FunctionName ?? '').startsWith('wecare-'),
);
const functionNamed = (name: string) => {
  const found = functions.find(({ resource }) => resource.Properties?.FunctionName === name);
  if (!found) throw new Error(`${name} is not in any template`);
  return found;
};

describe('the functions', () => {
  it('are one Node.js 22 ARM64 function per handler of the catalog, traced, retained, with Powertools settings', () => {
    expect(functions.map(({ resource }) => resource.Properties?.FunctionName).sort()).toEqual(
      catalog.map((spec) => spec.name).sort(),
    );
    for (const spec of catalog) {
      const { resource } = functionNamed(spec.name);
      expect(resource.DeletionPolicy).toBe('Retain');
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: spec.timeoutSeconds,
        MemorySize: spec.memoryMb,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: expect.objectContaining({
            WECARE_ENV: 'aws',
            POWERTOOLS_SERVICE_NAME: spec.name,
            POWERTOOLS_METRICS_NAMESPACE: 'WECARE.DIGITAL',
          }),
        },
      });
      if (spec.reservedConcurrency !== undefined)
        expect(resource.Properties?.ReservedConcurrentExecutions).toBe(spec.reservedConcurrency);
    }
  });

  it("give the bot its reply budget plus margin, inside the answer lease and the agent queue's visibility", () => {
    const timeout = Number(functionNamed('wecare-ai-generate-response').resource.Properties?.Timeout);
    expect(timeout * 1000).toBeGreaterThanOrEqual(config.agent.replyTimeBudgetMs + 10_000);
    expect(timeout * 1000).toBeLessThan(config.agent.answerLeaseMs);
    const agentQueue = resourcesOf(templates, 'AWS::SQS::Queue').find(
      ({ resource }) => resource.Properties?.QueueName === config.queues.agent,
    );
    expect(Number(agentQueue?.resource.Properties?.VisibilityTimeout)).toBeGreaterThanOrEqual(timeout * 3);
    expect(functionNamed('wecare-inbound-whatsapp').resource.Properties?.Timeout).toBe(30);
  });

  it('subscribe the inbound function to the seed topic, redriving failed deliveries to the WhatsApp inbound DLQ', () => {
    const queueArn = `arn:aws:sqs:${config.aws.region}:${config.aws.accountId}:${config.queues.whatsAppInboundDlq}`;
    const [subscription, ...others] = resourcesOf(templates, 'AWS::SNS::Subscription');
    expect(others).toEqual([]);
    expect(subscription?.resource.Properties).toMatchObject({
      Protocol: 'lambda',
      TopicArn: config.sns.topicArn,
      RedrivePolicy: { deadLetterTargetArn: queueArn },
      // Alarm notifications share the topic: they must not reach the inbound function.
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { whatsAppWebhookEntry: [{ exists: true }] },
    });
    expect(functionNamed('wecare-inbound-whatsapp').resource.Properties?.DeadLetterConfig).toEqual({
      TargetArn: queueArn,
    });
    const snsRedrive = resourcesOf(templates, 'AWS::SQS::QueuePolicy').filter(({ resource }) =>
      JSON.stringify(resource.Properties).includes(config.sns.topicArn),
    );
    expect(snsRedrive).toHaveLength(1);
    expect(JSON.stringify(snsRedrive[0]?.resource.Properties?.Queues)).toContain(
      config.queues.whatsAppInboundDlq,
    );
  });

  it('wire the outbound functions to the outbound DLQ', () => {
    const queueArn = `arn:aws:sqs:${config.aws.region}:${config.aws.accountId}:${config.queues.outboundDlq}`;
    for (const name of ['wecare-outbound-whatsapp', 'wecare-outbound-sms', 'wecare-outbound-email'])
      expect(functionNamed(name).resource.Properties?.DeadLetterConfig).toEqual({ TargetArn: queueArn });
  });

  it('run the bot on the agent queue in batches with partial batch responses and bounded concurrency', () => {
    const [mapping, ...others] = resourcesOf(templates, 'AWS::Lambda::EventSourceMapping');
    expect(others).toEqual([]);
    expect(mapping?.resource.Properties).toMatchObject({
      EventSourceArn: `arn:aws:sqs:${config.aws.region}:${config.aws.accountId}:${config.queues.agent}`,
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    expect(JSON.stringify(mapping?.resource.Properties?.FunctionName)).toContain('AiGenerateResponse');
  });

  it('run the reconciliation sweep every minute', () => {
    const [rule] = resourcesOf(templates, 'AWS::Events::Rule');
    expect(rule?.resource.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
    });
    expect(JSON.stringify(rule?.resource.Properties?.Targets)).toContain('AgentReconcile');
  });

  it('send every request to the console function, which signs each one in itself (payment links are public there)', () => {
    const routes = resourcesOf(templates, 'AWS::ApiGatewayV2::Route');
    const integrations = resourcesOf(templates, 'AWS::ApiGatewayV2::Integration');
    for (const routeKey of ['ANY /', 'ANY /{proxy+}']) {
      const route = routes.find(({ resource }) => resource.Properties?.RouteKey === routeKey);
      expect(route, routeKey).toBeDefined();
      // No API Gateway authorizer: the session is in HttpOnly cookies, verified by the app on every request.
      expect(route?.resource.Properties?.AuthorizationType ?? 'NONE').toBe('NONE');
      const target = JSON.stringify(route?.resource.Properties?.Target);
      const integration = integrations.find(({ id }) => target.includes(id));
      expect(JSON.stringify(integration?.resource.Properties?.IntegrationUri)).toContain('AdminApi');
    }
    const { resource } = functionNamed('wecare-admin-api');
    expect(resource.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
  });
});

describe('no console steps', () => {
  it("point both WABAs' event destination at the seed topic, allowed on those WABAs only", () => {
    const destinations = resourcesOf(templates, 'Custom::AWS');
    expect(destinations).toHaveLength(config.whatsapp.businessAccounts.length);
    for (const account of config.whatsapp.businessAccounts) {
      const call = destinations.find(({ resource }) =>
        String(resource.Properties?.Create).includes(account.id),
      );
      // The custom resource carries its SDK call as a JSON string.
      expect(JSON.parse(String(call?.resource.Properties?.Create))).toMatchObject({
        service: 'SocialMessaging',
        action: 'PutWhatsAppBusinessAccountEventDestinations',
        parameters: { id: account.id, eventDestinations: [{ eventDestinationArn: config.sns.topicArn }] },
      });
      expect(call?.resource.Properties?.Update).toEqual(call?.resource.Properties?.Create);
    }
    const policies = resourcesOf(templates, 'AWS::IAM::Policy').filter(({ id }) =>
      id.startsWith('EventDestination'),
    );
    const statements = policies.flatMap(
      ({ resource }) =>
        (resource.Properties?.PolicyDocument as { Statement: Array<Record<string, unknown>> } | undefined)
          ?.Statement ?? [],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Action).toBe('social-messaging:PutWhatsAppBusinessAccountEventDestinations');
      expect(String(statement.Resource)).toMatch(
        /^arn:aws:social-messaging:us-east-1:809904170947:waba\/waba-/,
      );
    }
  });
});

describe('what the deployment never creates', () => {
  it("references the seed's buckets, topic, user pool, queues and index-free tables, and creates none of them", () => {
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::SNS::Topic',
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
    ])
      expect(resourcesOf(templates, type)).toEqual([]);
    const queueNames = resourcesOf(templates, 'AWS::SQS::Queue').map(
      ({ resource }) => resource.Properties?.QueueName,
    );
    expect(queueNames.sort()).toEqual([config.queues.agent, config.queues.agentDlq].sort());
    const tableNames = resourcesOf(templates, 'AWS::DynamoDB::Table').map(
      ({ resource }) => resource.Properties?.TableName,
    );
    for (const untouched of [config.tables.forms, config.tables.link])
      expect(tableNames).not.toContain(untouched);
  });
});
