/**
 * The CDK app (`cdk.json` runs this file): the stacks that deploy the platform into the client's
 * account and region, both read from the same typed configuration as the runtime code.
 */
import { App } from 'aws-cdk-lib';
import { config } from '#core/config/load-config.ts';
import { DataStack } from './data-stack.ts';

const settings = config();
const app = new App();
new DataStack(app, 'WecareDigitalData', {
  env: { account: settings.aws.accountId, region: settings.aws.region },
  description: 'WECARE.DIGITAL assistant platform: DynamoDB tables and SQS queues (retained)',
  config: settings,
});
app.synth();
