import type { App, StackProps } from 'aws-cdk-lib';
import type { Config } from '#core/config/config-schema.ts';
import { queueDefinitions } from '#core/queues/queue-definitions.ts';
import { tableDefinitions } from '#core/tables/table-definitions.ts';
import { AgentStack } from './agent-stack.ts';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { functionBundling } from './function-bundling.ts';
import { MessagingStack } from './messaging-stack.ts';
import { ObservabilityStack } from './observability-stack.ts';
import { functionsLive, rolloutOf } from './rollout.ts';

/**
 * The whole platform as CDK stacks, in the client's account and region: data, messaging, agent,
 * API and observability (bulk jobs join with their issue). `cdk.json` runs app.ts, which calls
 * this; the template tests call it too.
 */
export function buildPlatformApp(app: App, config: Config, options: { root: string }) {
  const env: StackProps['env'] = { account: config.aws.accountId, region: config.aws.region };
  const rollout = rolloutOf(app.node, tableDefinitions(config));
  const live = functionsLive(rollout);
  const shared = { env, config, root: options.root, bundling: functionBundling, live };
  const data = new DataStack(app, 'WecareDigitalData', {
    env,
    config,
    rollout,
    description:
      'WECARE.DIGITAL assistant: our DynamoDB tables and SQS queues, and the seed tables we index (retained)',
  });
  const messaging = new MessagingStack(app, 'WecareDigitalMessaging', {
    ...shared,
    description: 'WECARE.DIGITAL assistant: WhatsApp in and out, SMS, email, dead-letter replay',
  });
  const agent = new AgentStack(app, 'WecareDigitalAgent', {
    ...shared,
    description: 'WECARE.DIGITAL assistant: the bot, Knowledge Base queries, the reconciliation sweep',
  });
  messaging.addStackDependency(data);
  agent.addStackDependency(data);
  if (!live) return { rollout, data, messaging, agent };
  const api = new ApiStack(app, 'WecareDigitalApi', {
    ...shared,
    domainName: new URL(config.cognito.callbackUrls[0] ?? 'https://base.wecare.digital').host,
    ...(typeof app.node.tryGetContext('wecare:certificateArn') === 'string'
      ? { certificateArn: app.node.tryGetContext('wecare:certificateArn') as string }
      : {}),
    description: 'WECARE.DIGITAL assistant: the HTTP API of the console and the public short links',
  });
  api.addStackDependency(data);
  const observability = new ObservabilityStack(app, 'WecareDigitalObservability', {
    env,
    config,
    functionNames: [...messaging.functionNames, ...agent.functionNames, ...api.functionNames],
    deadLetterQueueNames: queueDefinitions(config)
      .filter((queue) => queue.key.endsWith('Dlq'))
      .map((queue) => queue.name),
    httpApiId: api.httpApi.apiId,
    description: "WECARE.DIGITAL assistant: the seed's alarms and dashboard",
  });
  return { rollout, data, messaging, agent, api, observability };
}
