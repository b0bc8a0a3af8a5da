import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import type { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config/config-schema.ts';

/**
 * The AWS SDK v3 clients, built from the configuration: in `local` mode each points at the
 * one-machine world (loopback endpoints, static credentials); in `aws` mode it uses the default
 * endpoint and credential chain. This is the only place in runtime code that looks at the mode.
 *
 * Each client's class is registered by its own module (`core/aws/clients/*.ts`), imported by the
 * code that uses that client: a Lambda bundle then holds only the SDK clients its function uses
 * (a client module costs 50–150 KB minified), and `aws-clients.ts` imports them all for the local
 * world, the tests and the command-line tools. A test holds every user of a client to importing it.
 */
export interface AwsClients {
  readonly dynamoDb: DynamoDBClient;
  /** DynamoDB with plain JavaScript values; `undefined` attributes are dropped. */
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly socialMessaging: SocialMessagingClient;
  readonly bedrockRuntime: BedrockRuntimeClient;
  readonly bedrockAgentRuntime: BedrockAgentRuntimeClient;
  readonly bedrockAgent: BedrockAgentClient;
  readonly sesv2: SESv2Client;
  readonly smsVoice: PinpointSMSVoiceV2Client;
  readonly lambda: LambdaClient;
  /** The console's user pool (staff and their groups). */
  readonly cognito: CognitoIdentityProviderClient;
  /** The same clients without the SDK's retries, for callers that retry (and pace) by themselves. */
  readonly withoutRetries: AwsClients;
}
export type ClientKey = Exclude<keyof AwsClients, 'withoutRetries'>;

type Service = 'dynamodb' | 's3' | 'sqs' | 'stand-in';

/** Credentials the local world accepts (s3rver checks SigV4 against exactly these). */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Region, retries and, locally, the world's endpoint and credentials for a service. */
export function baseOptions(config: Config, service: Service) {
  const common = { region: config.aws.region, maxAttempts: config.aws.maxAttempts };
  if (config.env === 'aws') return common;
  const endpoint = {
    dynamodb: config.local.dynamoDbEndpoint,
    s3: config.local.s3Endpoint,
    sqs: config.local.sqsEndpoint,
    'stand-in': config.local.awsEndpoint,
  }[service];
  return { ...common, endpoint, credentials: localCredentials };
}

type Factory<Key extends ClientKey> = (config: Config, clients: AwsClients) => AwsClients[Key];
const factories = new Map<ClientKey, Factory<ClientKey>>();

/** Called by each client's module when it is imported. */
export function registerClient<Key extends ClientKey>(key: Key, factory: Factory<Key>): void {
  factories.set(key, factory as Factory<ClientKey>);
}

const clientKeys: readonly ClientKey[] = [
  'dynamoDb',
  'documents',
  's3',
  'sqs',
  'socialMessaging',
  'bedrockRuntime',
  'bedrockAgentRuntime',
  'bedrockAgent',
  'sesv2',
  'smsVoice',
  'lambda',
  'cognito',
];

/** The clients of a configuration; each is created on first use and then reused. */
export function clientsFor(config: Config): AwsClients {
  const cache = new Map<keyof AwsClients, unknown>();
  const clients = {} as AwsClients;
  for (const key of clientKeys) {
    Object.defineProperty(clients, key, {
      enumerable: true,
      get() {
        if (!cache.has(key)) {
          const factory = factories.get(key);
          if (!factory)
            throw new Error(
              `The ${key} client is not part of this function: import its module from core/aws/clients/ where it is used`,
            );
          cache.set(key, factory(config, clients));
        }
        return cache.get(key);
      },
    });
  }
  Object.defineProperty(clients, 'withoutRetries', {
    enumerable: false,
    get() {
      if (!cache.has('withoutRetries'))
        cache.set(
          'withoutRetries',
          config.aws.maxAttempts === 1
            ? clients
            : clientsFor({ ...config, aws: { ...config.aws, maxAttempts: 1 } }),
        );
      return cache.get('withoutRetries');
    },
  });
  return clients;
}
