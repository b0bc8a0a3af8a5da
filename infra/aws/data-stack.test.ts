import { describe, expect, it } from 'vitest';
import { tableDefinitions } from '#core/tables/table-definitions.ts';
import { stepsToComplete } from './rollout.ts';
import { resourcesOf, savedSeedFunctions, synthesizePlatform } from './synth-for-tests.ts';

const complete = synthesizePlatform();
const { config } = complete;
const definitions = tableDefinitions(config);
const tablesOf = (templates: typeof complete.templates) =>
  new Map(
    resourcesOf(templates, 'AWS::DynamoDB::Table').map(({ resource }) => [
      String(resource.Properties?.TableName),
      resource,
    ]),
  );
const indexNames = (table: { Properties?: Record<string, unknown> } | undefined) =>
  ((table?.Properties?.GlobalSecondaryIndexes ?? []) as Array<{ IndexName: string }>).map(
    (index) => index.IndexName,
  );

describe('the data stack', () => {
  it('creates our tables, adopts each seed table we index, and leaves the other seed tables alone, all retained', () => {
    const tables = tablesOf(complete.templates);
    for (const definition of definitions) {
      const table = tables.get(definition.name);
      if (definition.origin === 'seed' && definition.indexes.length === 0) {
        expect(table).toBeUndefined();
        continue;
      }
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: expect.objectContaining({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        }),
      });
      expect(indexNames(table)).toEqual(definition.indexes.map((index) => index.name));
    }
  });

  it('gives the audit table its TTL and its indexes (by actor, by conversation, by day)', () => {
    const audit = tablesOf(complete.templates).get(config.tables.audit);
    expect(audit?.Properties?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(indexNames(audit)).toEqual(['by-actor', 'by-conversation', 'by-day']);
  });

  it('creates the agent queue redriving to its DLQ after five receives, and no seed queue', () => {
    const queues = resourcesOf(complete.templates, 'AWS::SQS::Queue');
    expect(queues.map(({ resource }) => resource.Properties?.QueueName).sort()).toEqual(
      [config.queues.agent, config.queues.agentDlq].sort(),
    );
    const agent = queues.find(({ resource }) => resource.Properties?.QueueName === config.queues.agent);
    expect(agent?.resource.Properties?.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
  });
});

describe('the first deployment into the existing account, step by step', () => {
  const steps = Array.from({ length: stepsToComplete(definitions) + 1 }, (_, step) =>
    synthesizePlatform(step),
  );

  it('adopts the seed tables exactly as they are at step 0: no index of ours, retained, named', () => {
    const tables = tablesOf(steps[0]?.templates ?? {});
    for (const definition of definitions.filter(
      (table) => table.origin === 'seed' && table.indexes.length > 0,
    )) {
      const table = tables.get(definition.name);
      expect(table?.DeletionPolicy).toBe('Retain');
      expect(indexNames(table)).toEqual([]);
    }
  });

  it('adopts the seed-named functions exactly as saved (code, settings, role), with no trigger of ours', () => {
    const adopt = steps[0]?.templates ?? {};
    const functions = resourcesOf(adopt, 'AWS::Lambda::Function').filter(({ resource }) =>
      String(resource.Properties?.FunctionName).startsWith('wecare-'),
    );
    const saved = savedSeedFunctions(config);
    expect(functions.length).toBe(saved.length);
    for (const { resource } of functions) {
      const seed = saved.find((entry) => entry.name === resource.Properties?.FunctionName);
      expect(resource.DeletionPolicy).toBe('Retain');
      // A rollback to this template restores the Python function whole, from the saved copy of its code.
      expect(resource.Properties).toMatchObject({
        Runtime: seed?.runtime,
        Handler: seed?.handler,
        MemorySize: seed?.memoryMb,
        Timeout: seed?.timeoutSeconds,
        Role: seed?.roleArn,
        Environment: { Variables: seed?.environment },
        Code: { S3Bucket: config.buckets.deployment.name, S3Key: seed?.codeKey },
      });
    }
    // The inbound function keeps its subscription to the topic in every step: adopted as it is
    // (plain, or SNS would refuse a second one with other attributes); redrive and filter come with our code.
    const [subscription, ...more] = resourcesOf(adopt, 'AWS::SNS::Subscription');
    expect(more).toEqual([]);
    expect(subscription?.resource.Properties).toEqual({
      Protocol: 'lambda',
      TopicArn: config.sns.topicArn,
      Endpoint: expect.anything(),
      Region: config.aws.region,
    });
    expect(resourcesOf(adopt, 'AWS::SQS::QueuePolicy').map(({ id }) => id)).not.toContainEqual(
      expect.stringMatching(/WhatsAppInboundDlq/),
    );
    for (const type of [
      'AWS::Lambda::EventSourceMapping',
      'AWS::Events::Rule',
      'AWS::IAM::Role',
      'Custom::AWS',
      'AWS::ApiGatewayV2::Api',
      'AWS::CloudWatch::Alarm',
    ])
      expect(resourcesOf(adopt, type)).toEqual([]);
    // Lambda made a log group for each of them: adopted, not created again.
    for (const { resource } of resourcesOf(adopt, 'AWS::Logs::LogGroup'))
      expect(resource.DeletionPolicy).toBe('Retain');
  });

  it("refuses to adopt the seed's functions before they are saved, and says how to save them", () => {
    expect(() => synthesizePlatform(0, { seedFunctionsSaved: false })).toThrow(
      /npm run deploy:save-seed-functions/,
    );
    // The complete deployment does not need them.
    expect(() => synthesizePlatform(undefined, { seedFunctionsSaved: false })).not.toThrow();
  });

  it('adds at most one index to a seed table per step, until every index is there', () => {
    const sequence = [...steps, complete];
    for (let step = 1; step < sequence.length; step += 1) {
      const before = tablesOf(sequence[step - 1]?.templates ?? {});
      const after = tablesOf(sequence[step]?.templates ?? {});
      for (const [name, table] of after) {
        const added = indexNames(table).filter((index) => !indexNames(before.get(name)).includes(index));
        expect(added.length, `${name} at step ${step}`).toBeLessThanOrEqual(1);
        expect(indexNames(before.get(name)).every((index) => indexNames(table).includes(index))).toBe(true);
      }
    }
  });

  it('keeps the seed Python functions until the indexes our code queries exist', () => {
    const lastIndexStep = steps.at(-1)?.templates ?? {};
    const runtimes = resourcesOf(lastIndexStep, 'AWS::Lambda::Function')
      .filter(({ resource }) => String(resource.Properties?.FunctionName).startsWith('wecare-'))
      .map(({ resource }) => resource.Properties?.Runtime);
    // The last step is the complete deployment: node everywhere, and nothing before it.
    expect(new Set(runtimes)).toEqual(new Set(['nodejs22.x']));
    for (const step of steps.slice(0, -1)) {
      const python = resourcesOf(step.templates, 'AWS::Lambda::Function')
        .filter(({ resource }) => String(resource.Properties?.FunctionName).startsWith('wecare-'))
        .map(({ resource }) => resource.Properties?.Runtime);
      expect(new Set(python)).toEqual(new Set(['python3.12']));
    }
  });
});
