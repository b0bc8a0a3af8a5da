import '#core/aws/clients/dynamodb.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { ThrottledError } from '#core/errors/app-errors.ts';
import { PaceTable } from './pace-table.ts';
import { type Lane, SharedPace } from './shared-pace.ts';

/** A sender released later than this after its slot (a busy event loop) takes a new slot. */
const maxLatenessMs = 20;
/**
 * How much later than the sends around it a request may reach the service after it left (the
 * network, the service's own queue and pauses): the rest of the margin below.
 */
const arrivalJitterMs = 15;
/**
 * Slots a little further apart than the limit: `limit + 1` slots span 1,035 ms, so a send late by
 * both of the above still never puts one more than the limit in any second as the service counts
 * arrivals. 80/s: a slot every 12.9 ms (77.3/s).
 */
export function pacedRate(limitPerSecond: number): number {
  return (limitPerSecond * 1000) / (1000 + maxLatenessMs + arrivalJitterMs);
}

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
 * (1,000 requests/s), media uploads and downloads (100/s each), SMS (5/s), email (10/s) and the
 * template sync.
 */
export class SendPaces {
  private readonly table: PaceTable;
  private readonly paces: Map<string, SharedPace>;
  /**
   * Whether the account's limit (1,000 requests/s) holds by the others: every EUM Social call is
   * paced by its own limit (a number's messages and read receipts, media uploads, downloads,
   * templates), and while those add up to no more than the account's, no call needs a slot of the
   * account's line (a DynamoDB write less per send). When they could add up to more (numbers moved
   * to Meta's higher throughput), each call takes the account's slot too.
   */
  private readonly accountKeptByOwnLimits: boolean;

  constructor(
    private readonly config: Config,
    clients: Pick<AwsClients, 'documents'>,
  ) {
    this.table = new PaceTable(clients.documents, config.tables.rateLimits);
    const known = pacesByClient.get(clients.documents);
    this.paces = known ?? new Map();
    if (!known) pacesByClient.set(clients.documents, this.paces);
    const { whatsapp } = config;
    const { postMedia, getMedia, templates, sendMessage } = whatsapp.operationRequestsPerSecond;
    const messages = whatsapp.phoneNumbers.reduce((sum, phone) => sum + phone.messagesPerSecond, 0);
    this.accountKeptByOwnLimits =
      messages <= sendMessage &&
      messages + postMedia + getMedia + templates <= whatsapp.accountRequestsPerSecond;
  }

  /**
   * Before a SendWhatsAppMessage from this number, a message or a read receipt (Meta counts every
   * call against the number's throughput).
   */
  async whatsAppMessage(phoneAwsId: string, messagesPerSecond: number, lane: Lane): Promise<void> {
    await this.withinAccount(this.pace(`eum:phone:${phoneAwsId}`, messagesPerSecond), lane);
  }

  /** Before PostWhatsAppMessageMedia. */
  async whatsAppMedia(lane: Lane): Promise<void> {
    await this.withinAccount(
      this.pace('eum:media', this.config.whatsapp.operationRequestsPerSecond.postMedia),
      lane,
    );
  }

  /** Before GetWhatsAppMessageMedia (a customer's file copied in): ahead of bulk, as a reply. */
  async whatsAppMediaDownload(): Promise<void> {
    await this.withinAccount(
      this.pace('eum:get-media', this.config.whatsapp.operationRequestsPerSecond.getMedia),
      'reply',
    );
  }

  /** Before a template list or read of the sync. */
  async whatsAppTemplates(): Promise<void> {
    await this.withinAccount(
      this.pace('eum:templates', this.config.whatsapp.operationRequestsPerSecond.templates),
      'bulk',
    );
  }

  /**
   * The call's own slot, and, when the account's limit is not kept by the others, the account's
   * after it (nearest the call, so neither has long passed when it goes): if waiting for the
   * account's made the own slot late, the own is taken again; after a few tries the call is
   * refused as throttled (its caller retries later) rather than sent over a limit.
   */
  private async withinAccount(own: SharedPace, lane: Lane): Promise<void> {
    const account = this.accountKeptByOwnLimits
      ? undefined
      : this.pace('eum:account', this.config.whatsapp.accountRequestsPerSecond);
    for (let attempt = 1; ; attempt += 1) {
      const ownSlotMs = await own.acquire(lane);
      if (!account) return;
      await account.acquire(lane);
      if (Date.now() - ownSlotMs <= maxLatenessMs) return;
      if (attempt === 3)
        throw new ThrottledError(`no slot of ${own.key} within the account's limit after ${attempt} tries`);
    }
  }

  async sms(lane: Lane): Promise<void> {
    await this.pace(`sms:${this.config.sms.poolId}`, this.config.sms.messagesPerSecond).acquire(lane);
  }

  async email(lane: Lane): Promise<void> {
    await this.pace('ses:send', this.config.ses.messagesPerSecond).acquire(lane);
  }

  private pace(key: string, limitPerSecond: number): SharedPace {
    const rate = pacedRate(limitPerSecond);
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
