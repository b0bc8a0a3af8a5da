import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '#core/config/config-schema.ts';
import { queueDefinitions } from '#core/queues/queue-definitions.ts';
import { type TableDefinition, tableDefinitions } from '#core/tables/table-definitions.ts';
import { indexesDeployed, type Rollout } from './rollout.ts';

/**
 * The platform's data, from the same definitions the local world creates its tables and queues from.
 *
 * - Our own tables and queues (conversations, idempotency, channel messages, the agent queue and
 *   its DLQ) are created here.
 * - A seed table our access patterns need indexes on is adopted as it is (static name, retained:
 *   `cdk deploy --import-existing-resources`), then gains its indexes one per deploy (rollout.ts).
 * - A seed table we need nothing added to, the seed's queues, buckets and topic are only
 *   referenced by name (seed-arns.ts): never in a template, never recreated.
 *
 * Everything here is retained on stack deletion: this is the system of record.
 */
export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { config: Config; rollout: Rollout }) {
    super(scope, id, props);
    for (const definition of tableDefinitions(props.config)) {
      if (definition.origin === 'seed' && definition.indexes.length === 0) continue;
      this.table(definition, indexesDeployed(definition, props.rollout));
    }
    const created = new Map<string, Queue>();
    const ours = queueDefinitions(props.config).filter((definition) => definition.origin === 'platform');
    // Dead-letter queues first: a work queue names its DLQ.
    for (const definition of [...ours].sort(
      (left, right) => Number(Boolean(left.deadLetter)) - Number(Boolean(right.deadLetter)),
    )) {
      const target = definition.deadLetter ? created.get(definition.deadLetter.target) : undefined;
      if (definition.deadLetter && !target)
        throw new Error(
          `Queue ${definition.name} redrives to ${definition.deadLetter.target}, which this stack does not create`,
        );
      created.set(
        definition.key,
        new Queue(this, `${definition.key}Queue`, {
          queueName: definition.name,
          visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
          retentionPeriod: Duration.seconds(definition.retentionSeconds),
          removalPolicy: RemovalPolicy.RETAIN,
          enforceSSL: true,
          ...(target && definition.deadLetter
            ? { deadLetterQueue: { queue: target, maxReceiveCount: definition.deadLetter.maxReceiveCount } }
            : {}),
        }),
      );
    }
  }

  private table(definition: TableDefinition, indexCount: number): Table {
    const attributeType = (type: 'S' | 'N') => (type === 'S' ? AttributeType.STRING : AttributeType.NUMBER);
    const table = new Table(this, `${definition.key}Table`, {
      tableName: definition.name,
      partitionKey: { name: definition.partitionKey.name, type: attributeType(definition.partitionKey.type) },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Our tables get point-in-time recovery; an adopted table keeps the settings it has.
      ...(definition.origin === 'platform'
        ? { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } }
        : {}),
      removalPolicy: RemovalPolicy.RETAIN,
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
    });
    for (const index of definition.indexes.slice(0, indexCount)) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
        ...(index.sortKey
          ? { sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) } }
          : {}),
      });
    }
    return table;
  }
}
