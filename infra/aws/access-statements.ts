import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Config } from '#core/config/config-schema.ts';
import type { FunctionAccess } from './function-catalog.ts';
import { seedArns } from './seed-arns.ts';

/**
 * A function's catalog access as IAM statements: each action on exactly the resources it is used
 * on (tables and the indexes queried, queues by name, S3 prefixes, the two WhatsApp numbers, the
 * model, the Knowledge Base, the email identity, the SMS pool). Never a `*`.
 */
export function accessStatements(config: Config, access: FunctionAccess): PolicyStatement[] {
  const arns = seedArns(config);
  const statements: PolicyStatement[] = [];
  for (const grant of access.tables) {
    const table = config.tables[grant.table];
    const itemActions = grant.actions.filter((action) => action !== 'dynamodb:Query');
    if (itemActions.length > 0)
      statements.push(new PolicyStatement({ actions: [...itemActions], resources: [arns.table(table)] }));
    if (grant.actions.includes('dynamodb:Query')) {
      const indexes = grant.indexes ?? [];
      statements.push(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources:
            indexes.length > 0 ? indexes.map((index) => arns.tableIndex(table, index)) : [arns.table(table)],
        }),
      );
    }
  }
  if (access.sendsTo?.length)
    statements.push(
      new PolicyStatement({
        actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
        resources: access.sendsTo.map((queue) => arns.queue(config.queues[queue])),
      }),
    );
  if (access.receivesFrom?.length)
    statements.push(
      new PolicyStatement({
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
        ],
        resources: access.receivesFrom.map((queue) => arns.queue(config.queues[queue])),
      }),
    );
  if (access.peeksAt?.length)
    statements.push(
      new PolicyStatement({
        actions: [
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
        ],
        resources: access.peeksAt.map((queue) => arns.queue(config.queues[queue])),
      }),
    );
  for (const grant of access.objects ?? []) {
    const bucket = config.buckets[grant.bucket].name;
    statements.push(
      new PolicyStatement({
        actions: [...grant.actions],
        resources: [arns.objects(bucket, grant.prefix(config))],
      }),
    );
    if (grant.list)
      statements.push(
        new PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [arns.bucket(bucket)],
          conditions: { StringLike: { 's3:prefix': `${grant.prefix(config)}*` } },
        }),
      );
  }
  if (access.whatsApp?.length)
    statements.push(
      new PolicyStatement({
        actions: access.whatsApp.map((action) => `social-messaging:${action}`),
        resources: arns.phoneNumbers,
      }),
    );
  if (access.model)
    statements.push(new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [arns.model] }));
  if (access.knowledgeBase)
    statements.push(new PolicyStatement({ actions: ['bedrock:Retrieve'], resources: [arns.knowledgeBase] }));
  if (access.ingestion)
    statements.push(
      new PolicyStatement({
        actions: [
          'bedrock:StartIngestionJob',
          'bedrock:GetIngestionJob',
          'bedrock:ListIngestionJobs',
          'bedrock:ListDataSources',
        ],
        resources: [arns.knowledgeBase],
      }),
    );
  if (access.email)
    statements.push(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [arns.emailIdentity] }));
  if (access.sms)
    statements.push(
      new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources: [arns.smsPool] }),
    );
  if (access.templates)
    statements.push(
      new PolicyStatement({
        actions: [
          'social-messaging:ListWhatsAppMessageTemplates',
          'social-messaging:GetWhatsAppMessageTemplate',
        ],
        resources: arns.wabas.flat(),
      }),
    );
  if (access.userPool?.length)
    statements.push(
      new PolicyStatement({
        actions: access.userPool.map((action) => `cognito-idp:${action}`),
        resources: [arns.userPool],
      }),
    );
  if (access.invokes?.length)
    statements.push(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: access.invokes.map(
          (name) => `arn:aws:lambda:${config.aws.region}:${config.aws.accountId}:function:${name}`,
        ),
      }),
    );
  return statements;
}
