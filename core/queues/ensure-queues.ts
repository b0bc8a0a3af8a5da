import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDefinition } from './queue-definitions.ts';

/**
 * Creates the queues (dead-letter targets first, so a redrive policy can name their ARN).
 * CreateQueue is idempotent for identical attributes, so this is safe on every start.
 */
export async function ensureQueues(
  client: SQSClient,
  definitions: readonly QueueDefinition[],
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  const arns = new Map<string, string>();
  const ordered = [...definitions].sort(
    (left, right) => Number(Boolean(left.deadLetter)) - Number(Boolean(right.deadLetter)),
  );
  for (const definition of ordered) {
    const attributes: Record<string, string> = {
      VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(definition.retentionSeconds),
    };
    if (definition.deadLetter) {
      const targetName = definitions.find(
        (candidate) => candidate.key === definition.deadLetter?.target,
      )?.name;
      const targetArn = targetName ? arns.get(targetName) : undefined;
      if (!targetArn)
        throw new Error(
          `Queue ${definition.name} redrives to ${definition.deadLetter.target}, which is not defined`,
        );
      attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: targetArn,
        maxReceiveCount: definition.deadLetter.maxReceiveCount,
      });
    }
    const created = await client.send(
      new CreateQueueCommand({ QueueName: definition.name, Attributes: attributes }),
    );
    const url = created.QueueUrl;
    if (!url) throw new Error(`CreateQueue returned no URL for ${definition.name}`);
    const described = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
    );
    const arn = described.Attributes?.QueueArn;
    if (!arn) throw new Error(`GetQueueAttributes returned no ARN for ${definition.name}`);
    urls.set(definition.name, url);
    arns.set(definition.name, arn);
  }
  return urls;
}
