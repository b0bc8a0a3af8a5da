import { randomBytes, randomUUID } from 'node:crypto';
import {
  type BusinessDirectory,
  type BusinessPhone,
  businessDirectory,
  findBusinessPhone,
} from '#channels/whatsapp/business-directory.ts';
import type { Config } from '#core/config/config-schema.ts';
import { TooLargeError } from '#core/errors/app-errors.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { snsMessageLimitBytes } from '../aws-stand-in/apis/sns/sns-api.ts';
import type { SentMessage, WhatsAppState } from '../aws-stand-in/apis/social-messaging/whatsapp-state.ts';
import { type BusinessNumber, businessNumbers, inboundLambdaEvent } from '../whatsapp/eum-event-builder.ts';
import type { SimAction, SimMessage } from './simulator-types.ts';

interface SimCustomer {
  waId: string;
  name: string;
  unreachable: boolean;
  windowAged: boolean;
}

export interface SimulatorConnections {
  /** Hands an SNS Lambda event to the inbound function, as SNS would. */
  deliver(event: object): void;
  /** Ages a conversation's 24-hour window (the simulator's switch; nothing in the platform does this). */
  ageWindow(conversationId: string, at: string, atMs: number): Promise<void>;
  /** Invokes the outbound WhatsApp function with a send request, as the console would. */
  sendBusinessMessage(request: object): Promise<BusinessSendResult>;
}

/** What the outbound function answered: the wamid, or its typed error with the HTTP status. */
export type BusinessSendResult =
  | { ok: true; wamid: string }
  | { ok: false; status: number; error: { code: string; message: string } };

const maxMessagesKept = 500;

/**
 * The customer's side of WhatsApp on one machine. What a simulated customer does becomes a real
 * EUM Social SNS event for the inbound function; what the business sends (through the EUM Social
 * stand-in) appears in the chat, and the simulator answers it with real status events: sent,
 * delivered and read, or failed with 131026 (unreachable) or 131047 (window aged).
 */
export class Simulator {
  private readonly chats = new Map<string, SimMessage[]>();
  private readonly customers = new Map<string, SimCustomer>();
  private readonly directory: BusinessDirectory;
  private readonly numbers: BusinessNumber[];
  private connections: SimulatorConnections | undefined;

  constructor(
    private readonly config: Config,
    whatsapp: WhatsAppState,
    private readonly options: { statusDelaysMs: readonly [number, number, number] } = {
      statusDelaysMs: [150, 600, 1500],
    },
  ) {
    this.directory = businessDirectory(config);
    this.numbers = businessNumbers(config);
    whatsapp.on('sent', (sent) => this.onBusinessSent(sent));
  }

  connect(connections: SimulatorConnections): void {
    this.connections = connections;
  }

  businessPhones(): BusinessPhone[] {
    return [...this.directory.phoneByAwsId.values()];
  }

  phone(name: string): BusinessPhone | undefined {
    return findBusinessPhone(this.directory, name);
  }

  /** The chat between a business number and a customer, oldest first. */
  chat(phone: BusinessPhone, waId: string): SimMessage[] {
    return this.chats.get(chatKey(phone, waId)) ?? [];
  }

  customer(phone: BusinessPhone, waId: string): SimCustomer | undefined {
    return this.customers.get(chatKey(phone, waId));
  }

  /** The customer does something in the chat; resolves to the wamid WhatsApp gave it. */
  act(
    phone: BusinessPhone,
    customer: { waId: string; name: string },
    action: SimAction,
    media?: { mediaId: string },
  ): string {
    const key = chatKey(phone, customer.waId);
    const wamid = newWamid();
    const timestamp = new Date();
    const meta = this.metaMessage(phone, customer.waId, wamid, timestamp, action, media);
    const event = inboundLambdaEvent(this.config, this.number(phone), {
      contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
      messages: [meta],
    });
    // Refused at the door, not accepted and lost: what SNS cannot carry to the inbound function
    // (its 256 KiB, counted after JSON escaping) is never shown as sent.
    const sns = (event.Records[0]?.Sns ?? {}) as { Message?: string };
    const published = Buffer.byteLength(sns.Message ?? '');
    if (published > snsMessageLimitBytes)
      throw new TooLargeError(
        `The message is ${Math.ceil(published / 1024)} KiB once serialized for SNS, over its ${snsMessageLimitBytes / 1024} KiB: WhatsApp would deliver it, the topic cannot carry it`,
      );
    const known = this.customers.get(key);
    this.customers.set(key, {
      unreachable: false,
      windowAged: false,
      ...known,
      waId: customer.waId,
      name: customer.name,
    });
    const bubble: SimMessage = {
      direction: 'in',
      wamid,
      type: String(meta.type),
      text: bubbleText(action),
      status: 'sent',
      timestamp: timestamp.toISOString(),
      ...('messageId' in action && action.type !== 'reaction' ? { replyTo: action.messageId } : {}),
      ...(action.type === 'location'
        ? {
            location: {
              latitude: action.latitude,
              longitude: action.longitude,
              ...(action.name ? { name: action.name } : {}),
            },
          }
        : {}),
      ...(media && 'mimeType' in action
        ? { media: { mediaId: media.mediaId, mimeType: action.mimeType, fileName: action.fileName } }
        : {}),
    };
    if (action.type === 'reaction') this.react(key, action.messageId, action.emoji);
    else this.push(key, bubble);
    this.requireConnections().deliver(event);
    return wamid;
  }

  /** Turns the failure switches of a customer on or off; ageing the window moves its last message back 25 hours. */
  async setSwitches(
    phone: BusinessPhone,
    waId: string,
    switches: { unreachable?: boolean | undefined; windowAged?: boolean | undefined },
  ): Promise<SimCustomer> {
    const key = chatKey(phone, waId);
    const customer = {
      waId,
      name: `+${waId}`,
      unreachable: false,
      windowAged: false,
      ...this.customers.get(key),
    };
    if (switches.unreachable !== undefined) customer.unreachable = switches.unreachable;
    if (switches.windowAged !== undefined) customer.windowAged = switches.windowAged;
    this.customers.set(key, customer);
    if (switches.windowAged) {
      const aged = new Date(Date.now() - 25 * 60 * 60 * 1000);
      await this.requireConnections().ageWindow(
        conversationIdOf(phone.metaId, waId),
        aged.toISOString(),
        aged.getTime(),
      );
    }
    return customer;
  }

  /** A reply typed on the business side of the simulator page, sent through the platform's real outbound path. */
  async sendAsBusiness(phone: BusinessPhone, to: string, text: string): Promise<BusinessSendResult> {
    return this.requireConnections().sendBusinessMessage({
      idempotencyKey: `simulator:${randomUUID()}`,
      from: phone.awsId,
      to,
      content: { type: 'text', body: text },
      sentBy: { kind: 'agent', agentId: 'simulator' },
    });
  }

  private onBusinessSent(sent: SentMessage): void {
    const phone = this.directory.phoneByAwsId.get(sent.phoneNumberId);
    if (!phone) return;
    const message = sent.message as Record<string, unknown> & {
      to?: string;
      type?: string;
      status?: string;
      message_id?: string;
    };
    if (message.status === 'read' && typeof message.message_id === 'string') {
      this.markCustomerMessageRead(phone, message.message_id);
      return;
    }
    const to = String(message.to ?? '').replace(/^\+/, '');
    const key = chatKey(phone, to);
    this.push(key, businessBubble(sent, message));
    if (message.type === 'reaction') return;
    const customer = this.customers.get(key);
    const [sentDelay, deliveredDelay, readDelay] = this.options.statusDelaysMs;
    if (customer?.unreachable) {
      this.emitStatus(phone, to, sent.messageId, 'failed', sentDelay, {
        code: 131026,
        title: 'Message undeliverable',
      });
    } else if (customer?.windowAged && message.type !== 'template') {
      this.emitStatus(phone, to, sent.messageId, 'failed', sentDelay, {
        code: 131047,
        title: 'Re-engagement message',
      });
    } else {
      this.emitStatus(phone, to, sent.messageId, 'sent', sentDelay);
      this.emitStatus(phone, to, sent.messageId, 'delivered', deliveredDelay);
      this.emitStatus(phone, to, sent.messageId, 'read', readDelay);
    }
  }

  private emitStatus(
    phone: BusinessPhone,
    to: string,
    wamid: string,
    status: SimMessage['status'],
    delayMs: number,
    failure?: { code: number; title: string },
  ): void {
    setTimeout(() => {
      const bubble = this.chat(phone, to).find((item) => item.wamid === wamid);
      if (bubble && rank(status) > rank(bubble.status)) {
        bubble.status = status;
        if (failure) bubble.failure = failure;
      }
      const item: Record<string, unknown> = {
        id: wamid,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: to,
        ...(failure
          ? {
              errors: [
                {
                  code: failure.code,
                  title: failure.title,
                  message: failure.title,
                  error_data: { details: failure.title },
                },
              ],
            }
          : {
              pricing: {
                billable: false,
                pricing_model: 'PMP',
                category: 'service',
                type: 'free_customer_service',
              },
            }),
      };
      this.connections?.deliver(inboundLambdaEvent(this.config, this.number(phone), { statuses: [item] }));
    }, delayMs).unref();
  }

  private markCustomerMessageRead(phone: BusinessPhone, wamid: string): void {
    for (const [key, messages] of this.chats) {
      if (!key.startsWith(`${phone.awsId}|`)) continue;
      const bubble = messages.find((item) => item.wamid === wamid && item.direction === 'in');
      if (bubble) bubble.status = 'read';
    }
  }

  private metaMessage(
    phone: BusinessPhone,
    waId: string,
    wamid: string,
    at: Date,
    action: SimAction,
    media?: { mediaId: string },
  ): Record<string, unknown> {
    const base = { from: waId, id: wamid, timestamp: String(Math.floor(at.getTime() / 1000)) };
    const context = (messageId: string) => ({ context: { from: phone.displayDigits, id: messageId } });
    switch (action.type) {
      case 'text':
        return {
          ...base,
          ...(action.replyTo ? context(action.replyTo) : {}),
          type: 'text',
          text: { body: action.text },
        };
      case 'image':
      case 'document':
      case 'audio':
      case 'video':
        return {
          ...base,
          type: action.type,
          [action.type]: {
            id: media?.mediaId,
            mime_type: action.mimeType,
            sha256: randomBytes(32).toString('base64'),
            ...(action.caption ? { caption: action.caption } : {}),
            ...(action.type === 'document' ? { filename: action.fileName } : {}),
          },
        };
      case 'location':
        return {
          ...base,
          type: 'location',
          location: {
            latitude: action.latitude,
            longitude: action.longitude,
            name: action.name,
            address: action.address,
          },
        };
      case 'button_reply':
        return {
          ...base,
          ...context(action.messageId),
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: action.id, title: action.title } },
        };
      case 'list_reply':
        return {
          ...base,
          ...context(action.messageId),
          type: 'interactive',
          interactive: {
            type: 'list_reply',
            list_reply: {
              id: action.id,
              title: action.title,
              ...(action.description ? { description: action.description } : {}),
            },
          },
        };
      case 'reaction':
        return { ...base, type: 'reaction', reaction: { message_id: action.messageId, emoji: action.emoji } };
    }
  }

  private react(key: string, wamid: string, emoji: string): void {
    const bubble = this.chats.get(key)?.find((item) => item.wamid === wamid);
    if (bubble) bubble.reactions = emoji ? [emoji] : [];
  }

  private push(key: string, message: SimMessage): void {
    const messages = this.chats.get(key) ?? [];
    messages.push(message);
    if (messages.length > maxMessagesKept) messages.splice(0, messages.length - maxMessagesKept);
    this.chats.set(key, messages);
  }

  private number(phone: BusinessPhone): BusinessNumber {
    const number = this.numbers.find((candidate) => candidate.awsPhoneNumberId === phone.awsId);
    if (!number) throw new Error(`No business number ${phone.awsId}`);
    return number;
  }

  private requireConnections(): SimulatorConnections {
    if (!this.connections) throw new Error('The simulator is not connected to the platform yet');
    return this.connections;
  }
}

function chatKey(phone: BusinessPhone, waId: string): string {
  return `${phone.awsId}|${waId}`;
}

function rank(status: SimMessage['status']): number {
  return { sent: 1, delivered: 2, read: 3, failed: 4 }[status];
}

function newWamid(): string {
  return `wamid.HBgM${randomBytes(24).toString('base64').replace(/[+/=]/g, 'A')}`;
}

function bubbleText(action: SimAction): string | null {
  switch (action.type) {
    case 'text':
      return action.text;
    case 'button_reply':
    case 'list_reply':
      return action.title;
    case 'location':
      return action.name ?? `${action.latitude}, ${action.longitude}`;
    case 'reaction':
      return action.emoji;
    default:
      return action.caption ?? action.fileName;
  }
}

/** How a message from the business looks in the customer's chat. */
function businessBubble(sent: SentMessage, message: Record<string, unknown>): SimMessage {
  const type = String(message.type ?? 'text');
  const payload = (message[type] ?? {}) as Record<string, unknown>;
  const bubble: SimMessage = {
    direction: 'out',
    wamid: sent.messageId,
    type,
    text: null,
    status: 'sent',
    timestamp: sent.sentAt,
  };
  const context = message.context as { message_id?: string } | undefined;
  if (context?.message_id) bubble.replyTo = context.message_id;
  if (type === 'text') bubble.text = String(payload.body ?? '');
  if (type === 'template') {
    const template = payload as {
      name?: string;
      components?: Array<{ type: string; parameters?: Array<{ text?: string }> }>;
    };
    const parameters =
      template.components
        ?.find((component) => component.type === 'body')
        ?.parameters?.map((parameter) => parameter.text)
        .filter(Boolean) ?? [];
    bubble.text = `[template ${template.name}] ${parameters.join(' · ')}`.trim();
  }
  if (type === 'interactive') {
    const interactive = payload as {
      type?: string;
      body?: { text?: string };
      action?: {
        button?: string;
        buttons?: Array<{ reply: { id: string; title: string } }>;
        sections?: Array<{ rows: Array<{ id: string; title: string; description?: string }> }>;
      };
    };
    bubble.text = interactive.body?.text ?? null;
    if (interactive.type === 'button')
      bubble.buttons = interactive.action?.buttons?.map((button) => button.reply) ?? [];
    if (interactive.type === 'list') {
      bubble.listRows = interactive.action?.sections?.flatMap((section) => section.rows) ?? [];
      if (interactive.action?.button) bubble.listButton = interactive.action.button;
    }
  }
  if (type === 'location') {
    const location = payload as { latitude: number; longitude: number; name?: string };
    bubble.location = location;
    bubble.text = location.name ?? null;
  }
  if (['image', 'document', 'audio', 'video', 'sticker'].includes(type))
    bubble.text = (payload.caption as string | undefined) ?? (payload.filename as string | undefined) ?? type;
  if (type === 'reaction') bubble.text = String(payload.emoji ?? '');
  if (type === 'contacts') bubble.text = 'Contact card';
  return bubble;
}
