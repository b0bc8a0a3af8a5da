import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { HeadObjectCommand, NotFound, type S3Client } from '@aws-sdk/client-s3';
import {
  PostWhatsAppMessageMediaCommand,
  SendWhatsAppMessageCommand,
  type SocialMessagingClient,
} from '@aws-sdk/client-socialmessaging';
import type { Config } from '#core/config/config-schema.ts';
import { mediaRuleForMimeType } from '#core/config/media-types.ts';
import type { OptOuts } from '#core/contacts/opt-outs.ts';
import type { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';
import { type AppError, ForbiddenError, ValidationError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import { laneOf, type SendPaces } from '#core/rate-limit/send-paces.ts';
import type { Lane } from '#core/rate-limit/shared-pace.ts';
import type { RetryPolicy } from '#core/retry/with-retries.ts';
import type { DailyStats } from '#core/stats/daily-stats.ts';
import { conversationIdOf, pendingEntriesOf } from '#core/stores/conversation.ts';
import { describeOutbound } from '#core/stores/conversation-history.ts';
import type { ConversationStore } from '#core/stores/conversation-store.ts';
import type { OutboundMessageStore } from '#core/stores/outbound-message-store.ts';
import type { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { parseOutboundRequest } from '../../delivery/outbound-request.ts';
import { deadLetteringDelivery, reliableDelivery, retried } from '../../delivery/reliable-delivery.ts';
import { type BusinessDirectory, type BusinessPhone, findBusinessPhone } from '../business-directory.ts';
import type { NumberTemplates } from '../templates/number-templates.ts';
import { metaOutboundPayload } from './meta-outbound-payload.ts';
import type { OutboundContent } from './outbound-content.ts';
import { WindowClosedError } from './outbound-errors.ts';
import { SendWhatsAppRequest } from './send-request.ts';

const windowMs = 24 * 60 * 60 * 1000;

export interface WhatsAppSenderDependencies {
  config: Config;
  directory: BusinessDirectory;
  /** Built with maxAttempts 1: this sender does its own retries, so that it can count and pace them. */
  socialMessaging: SocialMessagingClient;
  s3: S3Client;
  conversations: ConversationStore;
  /** Settles the customer messages a send answers (`request.settles`), also when the send is a replay. */
  replies: ReplyCoordination;
  outboundMessages: OutboundMessageStore;
  /** The dashboard's counters: each message counted once, by who sent it. */
  stats: Pick<DailyStats, 'count'>;
  deadLetters: Pick<DeadLetterQueue, 'send'>;
  /** The approved templates of each number's WABA (the synced catalog). */
  templates: NumberTemplates;
  /** A template is a message the business starts: not to a customer who opted out of WhatsApp. */
  optOuts: Pick<OptOuts, 'requireReachable'>;
  /** The limits shared by every process: per number, the account, media uploads; replies first. */
  paces: Pick<SendPaces, 'whatsAppMessage' | 'whatsAppMedia'>;
  persistenceStore: BasePersistenceLayer;
  retryPolicy?: RetryPolicy;
  now?: () => number;
  /** Told of every retry (benchmarks count them). */
  onRetry?: (error: AppError, attempt: number) => void;
}

export interface SendResult {
  wamid: string;
  conversationId: string;
  /**
   * When the call that delivered the message was made: the customer cannot have seen it, nor replied
   * to it, before then, so a reply that arrives while the call is still returning sorts after it.
   */
  sentAtMs: number;
}

/** What a caller that holds the conversation already knows or does itself (the bot, in one write). */
export interface SendOptions {
  /** The conversation's last customer message time, read consistently by the caller: no second read for the window. */
  knownLastInboundAtMs?: number;
  /** The caller records the send on the conversation and settles what it answers itself. */
  conversationUpdatedByCaller?: boolean;
  /**
   * The caller's own claim makes this send happen once (the bot's reservation of its reply on the
   * conversation, checked against the records of what was sent if an earlier attempt crashed), so
   * the send needs no idempotency record of its own: two writes fewer per reply.
   */
  onceByCaller?: boolean;
}

/**
 * Sends WhatsApp messages from the business's numbers: content checked against Meta's rules
 * first, the 24-hour window and the template rules enforced, every send paced by the limits
 * every process shares (80/s per number, 1000/s per account, 100/s media; replies to customers
 * ahead of what the business starts), retried on throttling and 5xx,
 * recorded, and done once per idempotency key. A send that finally fails goes to the outbound
 * dead-letter queue with its whole request, and the caller gets the typed error.
 */
export class WhatsAppSender {
  private readonly sendOnce: (request: SendWhatsAppRequest) => Promise<SendResult>;
  private readonly sendClaimed: (request: SendWhatsAppRequest) => Promise<SendResult>;
  private readonly now: () => number;

  constructor(private readonly dependencies: WhatsAppSenderDependencies) {
    this.now = dependencies.now ?? Date.now;
    this.sendOnce = reliableDelivery(
      {
        kind: 'whatsapp-outbound',
        functionName: 'wecare-outbound-whatsapp',
        persistenceStore: dependencies.persistenceStore,
        deadLetters: dependencies.deadLetters,
        ...(dependencies.retryPolicy ? { retryPolicy: dependencies.retryPolicy } : {}),
        ...(dependencies.onRetry ? { onRetry: dependencies.onRetry } : {}),
      },
      (request: SendWhatsAppRequest) => this.deliver(request),
    );
    this.sendClaimed = deadLetteringDelivery(
      { kind: 'whatsapp-outbound', deadLetters: dependencies.deadLetters },
      (request: SendWhatsAppRequest) => this.deliver(request),
    );
  }

  async send(input: unknown, options: SendOptions = {}): Promise<SendResult> {
    const request = parseOutboundRequest(SendWhatsAppRequest, input);
    const phone = this.businessPhone(request.from);
    await this.checkRules(request, phone, options.knownLastInboundAtMs);
    const result = await (options.onceByCaller ? this.sendClaimed(request) : this.sendOnce(request));
    if (!options.conversationUpdatedByCaller) {
      const { sentAtMs } = result;
      await this.dependencies.conversations.recordOutbound({
        businessPhoneNumberId: phone.metaId,
        customerWaId: request.to,
        at: new Date(sentAtMs).toISOString(),
        atMs: sentAtMs,
        turn: {
          role: 'business',
          wamid: result.wamid,
          text: describeOutbound({ content: request.content }),
          atMs: sentAtMs,
        },
      });
      if (request.settles) {
        await this.dependencies.replies.settle(result.conversationId, {
          entries: pendingEntriesOf({ pendingReplies: new Set(request.settles.entries) }),
        });
      }
    }
    return result;
  }

  /** Shows the customer blue ticks on their message (and tells Meta the business has read it). */
  async markAsRead(from: string, wamid: string): Promise<void> {
    const phone = this.businessPhone(from);
    const message = new TextEncoder().encode(
      JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: wamid }),
    );
    await this.withRetries('SendWhatsAppMessage', async () => {
      await this.dependencies.paces.whatsAppMessage(phone.awsId, this.phoneRate(phone), 'reply');
      await this.dependencies.socialMessaging.send(
        new SendWhatsAppMessageCommand({
          originationPhoneNumberId: phone.awsId,
          message,
          metaApiVersion: this.dependencies.config.whatsapp.metaApiVersion,
        }),
      );
    });
  }

  private businessPhone(name: string): BusinessPhone {
    const phone = findBusinessPhone(this.dependencies.directory, name);
    if (!phone) throw new ValidationError(`from: ${name} is not one of the business's WhatsApp numbers`);
    return phone;
  }

  /** The rules Meta would enforce after the fact, enforced before the call so that nothing fails silently. */
  private async checkRules(
    request: SendWhatsAppRequest,
    phone: BusinessPhone,
    knownLastInboundAtMs: number | undefined,
  ): Promise<void> {
    const { content } = request;
    if (content.type === 'template') {
      await this.dependencies.optOuts.requireReachable(request.to, 'whatsapp');
      const catalog = await this.dependencies.templates.forWaba(phone.awsWabaId);
      const template = catalog.find(content.name, content.language);
      if (!template)
        throw new ValidationError(
          `template ${content.name} (${content.language}) is not an approved template of ${phone.displayNumber}`,
        );
      const given = content.body?.length ?? 0;
      if (given !== template.bodyParameters) {
        throw new ValidationError(
          `template ${content.name} takes ${template.bodyParameters} body parameter(s), not ${given}`,
        );
      }
      if (template.category === 'MARKETING' && request.to.startsWith('1')) {
        throw new ForbiddenError('Meta blocks marketing templates to US (+1) numbers since 1 April 2025', {
          details: { template: content.name },
        });
      }
      return;
    }
    if (knownLastInboundAtMs !== undefined && this.now() - knownLastInboundAtMs < windowMs) return;
    const conversation = await this.dependencies.conversations.get(
      conversationIdOf(phone.metaId, request.to),
    );
    const lastInboundAtMs = conversation?.lastInboundAtMs;
    if (lastInboundAtMs === undefined || this.now() - lastInboundAtMs >= windowMs) {
      throw new WindowClosedError(conversation?.lastInboundAt ?? null);
    }
  }

  private async deliver(request: SendWhatsAppRequest): Promise<SendResult> {
    const { config } = this.dependencies;
    const phone = this.businessPhone(request.from);
    const lane = laneOf(request.sentBy);
    const mediaId = isMedia(request.content)
      ? await this.uploadMedia(phone, request.content, lane)
      : undefined;
    const payload = metaOutboundPayload(request.content, request.to, {
      ...(request.replyTo ? { replyTo: request.replyTo } : {}),
      ...(mediaId ? { mediaId } : {}),
    });
    const message = new TextEncoder().encode(JSON.stringify(payload));
    if (message.length > config.whatsapp.maxMessageBytes)
      throw new ValidationError(`message is larger than ${config.whatsapp.maxMessageBytes} bytes`);
    let requestedAtMs = this.now();
    const wamid = await this.withRetries('SendWhatsAppMessage', async () => {
      await this.dependencies.paces.whatsAppMessage(phone.awsId, this.phoneRate(phone), lane);
      requestedAtMs = this.now();
      const sent = await this.dependencies.socialMessaging.send(
        new SendWhatsAppMessageCommand({
          originationPhoneNumberId: phone.awsId,
          message,
          metaApiVersion: config.whatsapp.metaApiVersion,
        }),
      );
      if (!sent.messageId) throw new Error('SendWhatsAppMessage returned no messageId');
      return sent.messageId;
    });
    const sentAt = new Date(requestedAtMs);
    const conversationId = conversationIdOf(phone.metaId, request.to);
    const first = await this.dependencies.outboundMessages.recordSent({
      wamid,
      conversationId,
      phoneNumberId: phone.metaId,
      to: request.to,
      type: request.content.type,
      content: request.content,
      replyTo: request.replyTo ?? null,
      sentBy: request.sentBy,
      idempotencyKey: request.idempotencyKey,
      sentAt: sentAt.toISOString(),
      atMs: sentAt.getTime(),
      ...(request.settles
        ? {
            answers: pendingEntriesOf({ pendingReplies: new Set(request.settles.entries) }).map(
              (entry) => entry.wamid,
            ),
          }
        : {}),
    });
    if (first)
      await this.dependencies.stats.count(
        { kind: 'message-out', channel: 'whatsapp', sentBy: request.sentBy.kind },
        sentAt.getTime(),
      );
    return { wamid, conversationId, sentAtMs: sentAt.getTime() };
  }

  private phoneRate(phone: BusinessPhone): number {
    return (
      this.dependencies.config.whatsapp.phoneNumbers.find((candidate) => candidate.id === phone.awsId)
        ?.messagesPerSecond ?? 80
    );
  }

  /** Checks the file against WhatsApp's type and size table, then uploads it for this number (media ids are per number). */
  private async uploadMedia(
    phone: BusinessPhone,
    content: Extract<OutboundContent, { s3Key: string }>,
    lane: Lane,
  ): Promise<string> {
    const { config, s3 } = this.dependencies;
    const bucket = config.buckets.media.name;
    if (!content.s3Key.startsWith(config.buckets.media.outgoingPrefix)) {
      throw new ValidationError(`s3Key must be under ${config.buckets.media.outgoingPrefix}`);
    }
    let head: { ContentType?: string | undefined; ContentLength?: number | undefined };
    try {
      head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: content.s3Key }));
    } catch (error) {
      if (error instanceof NotFound)
        throw new ValidationError(`s3://${bucket}/${content.s3Key} does not exist`);
      throw classifyAwsError(error, 'HeadObject');
    }
    const rule = mediaRuleForMimeType(head.ContentType ?? '');
    if (!rule)
      throw new ValidationError(`${head.ContentType ?? 'unknown type'} is not a WhatsApp media type`);
    const allowedKind = content.type === 'sticker' ? 'sticker' : content.type;
    if (rule.kind !== allowedKind && !(content.type === 'image' && rule.kind === 'sticker')) {
      throw new ValidationError(`${head.ContentType} cannot be sent as ${content.type}`);
    }
    if ((head.ContentLength ?? 0) > rule.maxBytes)
      throw new ValidationError(`${content.type} files may be at most ${rule.maxBytes} bytes`);
    return this.withRetries('PostWhatsAppMessageMedia', async () => {
      await this.dependencies.paces.whatsAppMedia(lane);
      const uploaded = await this.dependencies.socialMessaging.send(
        new PostWhatsAppMessageMediaCommand({
          originationPhoneNumberId: phone.awsId,
          sourceS3File: { bucketName: bucket, key: content.s3Key },
        }),
      );
      if (!uploaded.mediaId) throw new Error('PostWhatsAppMessageMedia returned no mediaId');
      return uploaded.mediaId;
    });
  }

  private withRetries<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return retried(this.dependencies, operation, call);
  }
}

function isMedia(content: OutboundContent): content is Extract<OutboundContent, { s3Key: string }> {
  return 's3Key' in content;
}
