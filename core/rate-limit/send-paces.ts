import '#core/aws/clients/dynamodb.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { PaceTable } from './pace-table.ts';
import { type Lane, SharedPace } from './shared-pace.ts';

/**
 * Below each limit by this share: `limit + 1` slots then span 1,025.6 ms, so a send up to ~25 ms
 * later than its slot (event loop, network, clocks between Lambda instances) still never puts one
 * more than the limit in a second as the service counts arrivals. 80/s: a slot every 12.8 ms (78/s).
 */
export const paceHeadroom = 0.025;
/** Most of that margin goes to the sender's own lateness; a sender later than this takes a new slot. */
const maxLatenessMs = 0.8 * 1000 * (paceHeadroom / (1 - paceHeadroom));

/** A reply waits at most this long behind bulk sends that already have their slots. */
const bulkHorizonMs = 250;

/**
 * One pace per key in a process, whichever sender asks (the limits are the account's, not a
 * sender's): per DynamoDB client, so a process that talks to two worlds keeps them apart.
 */
const pacesByClient = new WeakMap<object, Map<string, SharedPace>>();

/**
 * The limits every send of the platform keeps, shared by all processes and Lambda instances
 * through RateLimitsTable: per WhatsApp number (the seed's 80 msg/s), the EUM Social account
 * (1,000 requests/s), media uploads (100/s), SMS (5/s), email (10/s) and the template sync.
 */
export class SendPaces {
  private readonly table: PaceTable;
  private readonly paces: Map<string, SharedPace>;

  constructor(
    private readonly config: Config,
    clients: Pick<AwsClients, 'documents'>,
  ) {
    this.table = new PaceTable(clients.documents, config.tables.rateLimits);
    const known = pacesByClient.get(clients.documents);
    this.paces = known ?? new Map();
    if (!known) pacesByClient.set(clients.documents, this.paces);
  }

  /** Before a SendWhatsAppMessage from this number: the account's slot, then the number's (last, nearest the send). */
  async whatsAppMessage(phoneAwsId: string, messagesPerSecond: number, lane: Lane): Promise<void> {
    await this.whatsAppAccount(lane);
    await this.pace(`eum:phone:${phoneAwsId}`, messagesPerSecond).acquire(lane);
  }

  /** Before a call that counts only against the account (a read receipt). */
  async whatsAppAccount(lane: Lane): Promise<void> {
    await this.pace('eum:account', this.config.whatsapp.accountRequestsPerSecond).acquire(lane);
  }

  /** Before PostWhatsAppMessageMedia. */
  async whatsAppMedia(lane: Lane): Promise<void> {
    await this.whatsAppAccount(lane);
    await this.pace('eum:media', this.config.whatsapp.operationRequestsPerSecond.postMedia).acquire(lane);
  }

  /** Before a template list or read of the sync. */
  async whatsAppTemplates(): Promise<void> {
    await this.whatsAppAccount('bulk');
    await this.pace('eum:templates', this.config.whatsapp.operationRequestsPerSecond.templates).acquire(
      'bulk',
    );
  }

  async sms(lane: Lane): Promise<void> {
    await this.pace(`sms:${this.config.sms.poolId}`, this.config.sms.messagesPerSecond).acquire(lane);
  }

  async email(lane: Lane): Promise<void> {
    await this.pace('ses:send', this.config.ses.messagesPerSecond).acquire(lane);
  }

  private pace(key: string, limitPerSecond: number): SharedPace {
    const rate = limitPerSecond * (1 - paceHeadroom);
    const name = `${this.config.tables.rateLimits}|${key}|${rate}`;
    let pace = this.paces.get(name);
    if (!pace) {
      pace = new SharedPace(this.table, key, rate, { bulkHorizonMs, maxBatch: 10, maxLatenessMs });
      this.paces.set(name, pace);
    }
    return pace;
  }
}

/** A reply to a customer (the bot's or a person's) goes ahead of what the business starts. */
export function laneOf(sentBy: { kind: string }): Lane {
  return sentBy.kind === 'bot' || sentBy.kind === 'agent' ? 'reply' : 'bulk';
}
