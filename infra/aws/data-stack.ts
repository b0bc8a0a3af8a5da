import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '#core/config/config-schema.ts';
import { queueDefinitions } from '#core/queues/queue-definitions.ts';
import { tableDefinitions } from '#core/tables/table-definitions.ts';

/**
 * The platform's data: every DynamoDB table and SQS queue, from the same definitions the local
 * world creates. Everything is retained on stack deletion: this is the system of record.
 *
 * The seed's eleven tables and five queues already exist in the client's account; bring them under
 * this stack with `cdk import` before the first deploy (README, "Deploying to AWS"). CloudFormation
 * adds one global secondary index per table per deployment, so indexes on an imported table arrive
 * over successive deploys.
 */
export class DataStack extends Stack {
  readonly tables: ReadonlyMap<string, Table>;
  readonly queues: ReadonlyMap<string, Queue>;

  constructor(scope: Construct, id: string, props: StackProps & { config: Config }) {
    super(scope, id, props);
    const tables = new Map<string, Table>();
    for (const definition of tableDefinitions(props.config)) {
      const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);
      const table = new Table(this, `${definition.key}Table`, {
        tableName: definition.name,
        partitionKey: {
          name: definition.partitionKey.name,
          type: attributeType(definition.partitionKey.type),
        },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        removalPolicy: RemovalPolicy.RETAIN,
        ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      });
      for (const index of definition.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
          ...(index.sortKey
            ? { sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) } }
            : {}),
        });
      }
      tables.set(definition.key, table);
    }
    this.tables = tables;

    const queues = new Map<string, Queue>();
    const definitions = queueDefinitions(props.config);
    const ordered = [...definitions].sort(
      (left, right) => Number(Boolean(left.deadLetter)) - Number(Boolean(right.deadLetter)),
    );
    for (const definition of ordered) {
      const target = definition.deadLetter ? queues.get(definition.deadLetter.target) : undefined;
      if (definition.deadLetter && !target)
        throw new Error(`Queue ${definition.name} redrives to an undefined queue`);
      queues.set(
        definition.key,
        new Queue(this, `${definition.key}Queue`, {
          queueName: definition.name,
          visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
          retentionPeriod: Duration.seconds(definition.retentionSeconds),
          removalPolicy: RemovalPolicy.RETAIN,
          ...(target && definition.deadLetter
            ? { deadLetterQueue: { queue: target, maxReceiveCount: definition.deadLetter.maxReceiveCount } }
            : {}),
        }),
      );
    }
    this.queues = queues;
  }
}
