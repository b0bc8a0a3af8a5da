import { Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterOrPolicy, SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueuePolicy } from 'aws-cdk-lib/aws-sqs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { buildFunctions, type FunctionStackProps } from './function-set.ts';
import { seedArns } from './seed-arns.ts';

export const messagingFunctionNames = [
  'wecare-inbound-whatsapp',
  'wecare-outbound-whatsapp',
  'wecare-outbound-sms',
  'wecare-outbound-email',
  'wecare-dlq-replay',
] as const;

/**
 * WhatsApp in and out, SMS, email and the dead-letter replay. The seed's SNS topic delivers every
 * WhatsApp event to the inbound function (failed deliveries to the WhatsApp inbound DLQ); the
 * outbound functions' failed asynchronous invocations go to the outbound DLQ; both WABAs' event
 * destination is set to that topic by the deployment.
 */
export class MessagingStack extends Stack {
  readonly functionNames: readonly string[];

  constructor(scope: Construct, id: string, props: StackProps & FunctionStackProps) {
    super(scope, id, props);
    const { config } = props;
    const arns = seedArns(config);
    const queue = (name: string) => Queue.fromQueueArn(this, `${name}Ref`, arns.queue(name));
    const whatsAppInboundDlq = queue(config.queues.whatsAppInboundDlq);
    const outboundDlq = queue(config.queues.outboundDlq);
    const functions = buildFunctions(this, props, messagingFunctionNames, {
      'wecare-inbound-whatsapp': whatsAppInboundDlq,
      'wecare-outbound-whatsapp': outboundDlq,
      'wecare-outbound-sms': outboundDlq,
      'wecare-outbound-email': outboundDlq,
    });
    this.functionNames = [...functions.keys()];

    // The seed's inbound function is subscribed already: the subscription is in every rollout
    // step, so that going back to the Python function (rollout.ts) keeps it subscribed.
    const topic = Topic.fromTopicArn(this, 'SeedTopic', arns.topic);
    const inbound = functions.get('wecare-inbound-whatsapp')?.function;
    if (!inbound) throw new Error('the inbound function is missing');
    // Adopting, the subscription is the one the seed's function has (plain: subscribing again with
    // the same attributes returns it; with others SNS would refuse). Once our code runs, it gains
    // its redrive to the DLQ and a filter: the topic also carries the alarms' notifications, and
    // only EUM Social's WhatsApp events (they have a `whatsAppWebhookEntry`) reach the function,
    // so an alarm is not dead-lettered as a malformed event (raising the DLQ depth alarm in turn).
    topic.addSubscription(
      new LambdaSubscription(
        inbound,
        props.live
          ? {
              deadLetterQueue: whatsAppInboundDlq,
              filterPolicyWithMessageBody: {
                whatsAppWebhookEntry: FilterOrPolicy.filter(SubscriptionFilter.existsFilter()),
              },
            }
          : {},
      ),
    );
    if (!props.live) return;
    // The DLQ is the seed's: a referenced queue takes no policy from CDK, so SNS's right to put the
    // events it could not deliver there is stated here (only from this topic).
    const snsRedrive = new QueuePolicy(this, 'WhatsAppInboundDlqPolicy', { queues: [whatsAppInboundDlq] });
    snsRedrive.document.addStatements(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [whatsAppInboundDlq.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': arns.topic } },
      }),
    );
    // Both WABAs send their events to the topic: set by the deployment, not by hand. The call is
    // idempotent (it replaces the destinations with the same one); a rollback re-applies the
    // previous properties; deleting the stack leaves WhatsApp connected.
    config.whatsapp.businessAccounts.forEach((account, index) => {
      const call = {
        service: 'SocialMessaging',
        action: 'PutWhatsAppBusinessAccountEventDestinations',
        parameters: { id: account.id, eventDestinations: [{ eventDestinationArn: arns.topic }] },
        physicalResourceId: PhysicalResourceId.of(`${account.id}-event-destination`),
      };
      new AwsCustomResource(this, `EventDestination${index + 1}`, {
        onCreate: call,
        onUpdate: call,
        policy: AwsCustomResourcePolicy.fromStatements([
          new PolicyStatement({
            actions: ['social-messaging:PutWhatsAppBusinessAccountEventDestinations'],
            resources: arns.wabas[index] ?? [],
          }),
        ]),
        installLatestAwsSdk: false,
      });
    });
  }
}
