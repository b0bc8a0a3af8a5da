import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Config, config as processConfig } from '../config/load-config.ts';

/**
 * The one factory for every AWS SDK v3 client. In `local` mode each client points at the
 * one-machine world (loopback endpoints, static credentials); in `aws` mode it uses the default
 * endpoint and credential chain. This is the only place in runtime code that looks at the mode.
 */

type Service = 'dynamodb' | 's3' | 'sqs' | 'stand-in';

/** Credentials the local world accepts (s3rver checks SigV4 against exactly these). */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

function baseOptions(config: Config, service: Service) {
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
  /** The same clients without the SDK's retries, for callers that retry (and pace) by themselves. */
  readonly withoutRetries: AwsClients;
}

/** Builds the clients for a configuration; each is created on first use and then reused. */
export function createAwsClients(config: Config): AwsClients {
  const cache = new Map<keyof AwsClients, unknown>();
  const once = <Client>(key: keyof AwsClients, build: () => Client): Client => {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as Client;
  };
  const clients: AwsClients = {
    get dynamoDb() {
      return once('dynamoDb', () => new DynamoDBClient(baseOptions(config, 'dynamodb')));
    },
    get documents() {
      return once('documents', () =>
        DynamoDBDocumentClient.from(clients.dynamoDb, { marshallOptions: { removeUndefinedValues: true } }),
      );
    },
    get s3() {
      return once(
        's3',
        () =>
          new S3Client({
            ...baseOptions(config, 's3'),
            // Loopback has no per-bucket DNS, and the dotted bucket auth.wecare.digital needs path style there.
            forcePathStyle: config.env === 'local',
            // Checksums only where S3 requires them: the SDK's default checksums corrupt streamed uploads on
            // s3rver and put an empty-body CRC into presigned PUT URLs (shared/research/local-stores.md).
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }),
      );
    },
    get sqs() {
      // An explicit endpoint also stops the SDK from following fauxqs' unresolvable queue URL hosts.
      return once('sqs', () => new SQSClient(baseOptions(config, 'sqs')));
    },
    get socialMessaging() {
      return once('socialMessaging', () => new SocialMessagingClient(baseOptions(config, 'stand-in')));
    },
    get bedrockRuntime() {
      // A model call that hangs must not outlive the reply's time budget: it is abandoned and fails.
      return once(
        'bedrockRuntime',
        () =>
          new BedrockRuntimeClient({
            ...baseOptions(config, 'stand-in'),
            requestHandler: { requestTimeout: config.agent.modelRequestTimeoutMs, connectionTimeout: 3000 },
          }),
      );
    },
    get bedrockAgentRuntime() {
      return once(
        'bedrockAgentRuntime',
        () => new BedrockAgentRuntimeClient(baseOptions(config, 'stand-in')),
      );
    },
    get bedrockAgent() {
      return once('bedrockAgent', () => new BedrockAgentClient(baseOptions(config, 'stand-in')));
    },
    get sesv2() {
      return once('sesv2', () => new SESv2Client(baseOptions(config, 'stand-in')));
    },
    get smsVoice() {
      return once('smsVoice', () => new PinpointSMSVoiceV2Client(baseOptions(config, 'stand-in')));
    },
    get withoutRetries() {
      return once('withoutRetries', () =>
        config.aws.maxAttempts === 1
          ? clients
          : createAwsClients({ ...config, aws: { ...config.aws, maxAttempts: 1 } }),
      );
    },
  };
  return clients;
}

let processClients: AwsClients | undefined;

/** The process's clients, built from the process configuration. */
export function awsClients(): AwsClients {
  processClients ??= createAwsClients(processConfig());
  return processClients;
}
