import type { SNSEvent } from 'aws-lambda';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { cognitoApi } from '../../cognito/cognito-api.ts';
import { LocalCognito } from '../../cognito/local-cognito.ts';
import { userPoolApi } from '../../cognito/user-pool-api.ts';
import { Simulator } from '../../simulator/simulator.ts';
import { simulatorApi } from '../../simulator/simulator-api.ts';
import { RateLimiter } from '../rate-limiter.ts';
import type { StandInApi } from '../stand-in-api.ts';
import { bedrockRuntimeApi } from './bedrock-runtime/bedrock-runtime-api.ts';
import { bedrockAgentApi } from './knowledge-base/bedrock-agent-api.ts';
import { bedrockAgentRuntimeApi } from './knowledge-base/bedrock-agent-runtime-api.ts';
import { KnowledgeBaseState } from './knowledge-base/knowledge-base-state.ts';
import { type LocalInvoker, lambdaApi } from './lambda/lambda-api.ts';
import { Outbox } from './outbox.ts';
import { type SentEmail, sesv2Api } from './sesv2/sesv2-api.ts';
import { type SentSms, smsVoiceApi } from './sms-voice/sms-voice-api.ts';
import { snsApi } from './sns/sns-api.ts';
import { socialMessagingApi } from './social-messaging/social-messaging-api.ts';
import { WhatsAppState } from './social-messaging/whatsapp-state.ts';

/** What the APIs share: configuration, the local world's clients, the request meters, the WhatsApp side. */
export interface StandInWorld {
  config: Config;
  clients: AwsClients;
  limiter: RateLimiter;
  whatsapp: WhatsAppState;
  simulator: Simulator;
  emails: Outbox<SentEmail>;
  sms: Outbox<SentSms>;
  knowledgeBase: KnowledgeBaseState;
  /** The user pool and its Hosted UI (`/cognito`); `listenAt` once the server's port is known. */
  cognito: LocalCognito;
  /** The local world's functions, once deployed (Lambda's Invoke runs them). */
  functions?: LocalInvoker;
  /** The SNS topic's subscriber (the inbound function), once deployed: what SNS's Publish delivers to. */
  topicSubscriber?: (event: SNSEvent) => void;
}

export function createStandInWorld(
  config: Config,
  clients: AwsClients,
  options: { statusDelaysMs?: readonly [number, number, number] } = {},
): StandInWorld {
  const whatsapp = new WhatsAppState(config);
  const simulator = new Simulator(
    config,
    whatsapp,
    options.statusDelaysMs ? { statusDelaysMs: options.statusDelaysMs } : undefined,
  );
  return {
    config,
    clients,
    limiter: new RateLimiter(),
    whatsapp,
    simulator,
    emails: new Outbox(),
    sms: new Outbox(),
    knowledgeBase: new KnowledgeBaseState(config, clients.s3),
    cognito: new LocalCognito({ config }),
  };
}

/** Every API the stand-in serves. A new API is one file under `apis/` and one line here. */
export function standInApis(world: StandInWorld): StandInApi[] {
  return [
    socialMessagingApi({ state: world.whatsapp, limiter: world.limiter, s3: world.clients.s3 }),
    sesv2Api({ config: world.config, limiter: world.limiter, outbox: world.emails }),
    smsVoiceApi({ config: world.config, limiter: world.limiter, outbox: world.sms }),
    bedrockRuntimeApi({ config: world.config, limiter: world.limiter }),
    bedrockAgentRuntimeApi(world.knowledgeBase),
    bedrockAgentApi(world.knowledgeBase),
    simulatorApi(world.simulator, world.whatsapp),
    lambdaApi(() => world.functions),
    snsApi({ config: world.config, limiter: world.limiter, subscriber: () => world.topicSubscriber }),
    cognitoApi(world.cognito),
    userPoolApi(world.cognito),
  ];
}
