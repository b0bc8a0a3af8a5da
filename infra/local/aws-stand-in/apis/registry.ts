import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { RateLimiter } from '../rate-limiter.ts';
import type { StandInApi } from '../stand-in-api.ts';
import { socialMessagingApi } from './social-messaging/social-messaging-api.ts';
import { WhatsAppState } from './social-messaging/whatsapp-state.ts';

/** What the APIs share: configuration, the local world's clients, the request meters, the WhatsApp side. */
export interface StandInWorld {
  config: Config;
  clients: AwsClients;
  limiter: RateLimiter;
  whatsapp: WhatsAppState;
}

export function createStandInWorld(config: Config, clients: AwsClients): StandInWorld {
  return { config, clients, limiter: new RateLimiter(), whatsapp: new WhatsAppState(config) };
}

/** Every API the stand-in serves. A new API is one file under `apis/` and one line here. */
export function standInApis(world: StandInWorld): StandInApi[] {
  return [socialMessagingApi({ state: world.whatsapp, limiter: world.limiter, s3: world.clients.s3 })];
}
