import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { tableDefinitions } from '#core/tables/table-definitions.ts';
import { DataStack } from './data-stack.ts';

const config = loadConfig({ WECARE_ENV: 'aws' });
const stack = new DataStack(new App(), 'Data', {
  env: { account: config.aws.accountId, region: config.aws.region },
  config,
});
const template = Template.fromStack(stack);

describe('DataStack', () => {
  it('deploys every table of the shared definitions, on demand and retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 14);
    for (const definition of tableDefinitions(config)) {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          TableName: definition.name,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      });
    }
  });

  it('gives the audit table its TTL and its two indexes', () => {
    const tables = template.findResources('AWS::DynamoDB::Table', {
      Properties: { TableName: config.tables.audit },
    });
    const audit = Object.values(tables)[0]?.Properties;
    expect(audit?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(audit?.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual([
      'by-actor',
      'by-conversation',
    ]);
  });

  it("deploys the seed's five queues and the agent queue with its DLQ, each work queue redriving", () => {
    template.resourceCountIs('AWS::SQS::Queue', 7);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: config.queues.agent,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: config.queues.bulk,
      VisibilityTimeout: 300,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
  });
});
