import { randomUUID } from 'node:crypto';
import type { SNSEvent } from 'aws-lambda';
import type { Config } from '#core/config/config-schema.ts';
import { snsRecord } from '../../../whatsapp/eum-event-builder.ts';
import type { RateLimiter } from '../../rate-limiter.ts';
import { AwsServiceError, type StandInApi } from '../../stand-in-api.ts';

/** SNS's limit on one message: 256 KiB, the body and its attributes together. */
export const snsMessageLimitBytes = 262_144;

/**
 * SNS's Publish on the seed's topic (the query protocol: a form posted to `/`, answered in XML), as
 * the SDK's SNSClient calls it. The topic's one subscription is the local world's inbound function
 * (late-bound: it is deployed after this server starts), which gets the Lambda event SNS would
 * deliver. SNS's own refusals: an unknown topic is NotFound, a missing or oversize message
 * InvalidParameter; a topic without a subscriber accepts the message and delivers it to nobody.
 */
export function snsApi(dependencies: {
  config: Config;
  limiter: RateLimiter;
  subscriber: () => ((event: SNSEvent) => void) | undefined;
}): StandInApi {
  const { config } = dependencies;
  return {
    name: 'sns',
    signingName: 'sns',
    protocol: 'aws-query',
    xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
    operations: [
      {
        name: 'Publish',
        handle(request) {
          const form = new URLSearchParams(request.body.toString('utf8'));
          const topicArn = form.get('TopicArn') ?? form.get('TargetArn');
          const message = form.get('Message');
          if (!topicArn)
            throw new AwsServiceError('InvalidParameter', 400, 'Invalid parameter: TopicArn or TargetArn');
          if (message === null || message === '')
            throw new AwsServiceError('InvalidParameter', 400, 'Invalid parameter: Empty message');
          if (form.get('MessageStructure') === 'json')
            throw new AwsServiceError(
              'InvalidParameter',
              400,
              'Invalid parameter: this stand-in publishes one message to every protocol',
            );
          if (topicArn !== config.sns.topicArn)
            throw new AwsServiceError('NotFound', 404, 'Topic does not exist');
          const attributes = [...form.entries()]
            .filter(([name]) => name.startsWith('MessageAttributes.'))
            .reduce((bytes, [, value]) => bytes + Buffer.byteLength(value), 0);
          if (Buffer.byteLength(message) + attributes > snsMessageLimitBytes)
            throw new AwsServiceError('InvalidParameter', 400, 'Invalid parameter: Message too long');
          // us-east-1's Publish quota.
          if (!dependencies.limiter.tryTake([['sns:Publish', 30_000]]))
            throw new AwsServiceError('Throttled', 400, 'Rate exceeded');
          const messageId = randomUUID();
          dependencies.subscriber()?.({
            Records: [snsRecord(message, { topicArn, messageId })],
          } as unknown as SNSEvent);
          return { body: { MessageId: messageId } };
        },
      },
    ],
  };
}
