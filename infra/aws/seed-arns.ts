import type { Config } from '#core/config/config-schema.ts';

/**
 * The ARNs of what already exists in the client's account (the seed inventory), built from the
 * configuration: the stacks reference these and grant access to them, and never create them.
 */
export function seedArns(config: Config) {
  const { region, accountId } = config.aws;
  const arn = (service: string, resource: string, account: string = accountId) =>
    `arn:aws:${service}:${region}:${account}:${resource}`;
  return {
    table: (name: string) => arn('dynamodb', `table/${name}`),
    tableIndex: (table: string, index: string) => arn('dynamodb', `table/${table}/index/${index}`),
    queue: (name: string) => arn('sqs', name),
    bucket: (name: string) => `arn:aws:s3:::${name}`,
    objects: (bucket: string, prefix: string) => `arn:aws:s3:::${bucket}/${prefix}*`,
    topic: config.sns.topicArn,
    userPool: arn('cognito-idp', `userpool/${config.cognito.userPoolId}`),
    knowledgeBase: arn('bedrock', `knowledge-base/${config.bedrock.knowledgeBaseId}`),
    // Foundation models belong to no account: the ARN's account field is empty.
    model: arn('bedrock', `foundation-model/${config.bedrock.modelId}`, ''),
    emailIdentity: arn('ses', `identity/${config.ses.fromAddress}`),
    smsPool: config.sms.poolArn,
    // The inventory spells a number's ARN `phone-number-id/phone-number-id-<hex>`; AWS's documented
    // events carry `phone-number-id/<hex>` (and `waba/<hex>`). Both spellings name these numbers only.
    phoneNumbers: config.whatsapp.phoneNumbers.flatMap((phone) => [
      arn('social-messaging', `phone-number-id/${phone.id}`),
      arn('social-messaging', `phone-number-id/${phone.id.replace(/^phone-number-id-/, '')}`),
    ]),
    wabas: config.whatsapp.businessAccounts.map((account) => [
      arn('social-messaging', `waba/${account.id}`),
      arn('social-messaging', `waba/${account.id.replace(/^waba-/, '')}`),
    ]),
    lambdaRole: config.aws.lambdaRoleArn,
  };
}
export type SeedArns = ReturnType<typeof seedArns>;
