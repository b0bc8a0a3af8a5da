import { randomBytes, randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Config, WhatsAppBusinessAccount, WhatsAppPhoneNumber } from '#core/config/config-schema.ts';

export interface StoredMedia {
  mediaId: string;
  /** Media ids are per phone number: only this number may send or fetch it. */
  phoneNumberId: string;
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
}

export interface SentMessage {
  messageId: string;
  phoneNumberId: string;
  /** The Meta message as the business sent it (`to`, `type`, and the type's payload). */
  message: Record<string, unknown>;
  sentAt: string;
}

const maxSentKept = 10_000;

/**
 * What the stand-in knows of the WhatsApp side: the business's accounts and numbers (from config),
 * uploaded media, and the messages sent. Later parts (the simulator) listen for `sent`.
 */
export class WhatsAppState extends EventEmitter<{ sent: [SentMessage] }> {
  private readonly media = new Map<string, StoredMedia>();
  private readonly sent: SentMessage[] = [];
  /** When each number was refused a message for its throughput (epoch ms): what went over the limit. */
  private readonly refused: Array<{ phoneNumberId: string; atMs: number }> = [];

  constructor(readonly config: Config) {
    super();
  }

  get businessAccounts(): readonly WhatsAppBusinessAccount[] {
    return this.config.whatsapp.businessAccounts;
  }

  phoneNumber(id: string): WhatsAppPhoneNumber | undefined {
    return this.config.whatsapp.phoneNumbers.find((phone) => phone.id === id);
  }

  phoneNumbersOf(wabaId: string): WhatsAppPhoneNumber[] {
    return this.config.whatsapp.phoneNumbers.filter((phone) => phone.wabaId === wabaId);
  }

  addMedia(media: Omit<StoredMedia, 'mediaId'>): StoredMedia {
    // Meta's media ids are decimal numbers of 15–16 digits.
    const mediaId = `${randomInt(100_000, 999_999)}${randomInt(100_000_000, 999_999_999)}`;
    const stored = { ...media, mediaId };
    this.media.set(mediaId, stored);
    return stored;
  }

  mediaFor(phoneNumberId: string, mediaId: string): StoredMedia | undefined {
    const found = this.media.get(mediaId);
    return found?.phoneNumberId === phoneNumberId ? found : undefined;
  }

  deleteMedia(phoneNumberId: string, mediaId: string): boolean {
    if (!this.mediaFor(phoneNumberId, mediaId)) return false;
    return this.media.delete(mediaId);
  }

  recordSent(phoneNumberId: string, message: Record<string, unknown>): SentMessage {
    const sent = { messageId: newWamid(), phoneNumberId, message, sentAt: new Date().toISOString() };
    this.sent.push(sent);
    if (this.sent.length > maxSentKept) this.sent.splice(0, this.sent.length - maxSentKept);
    this.emit('sent', sent);
    return sent;
  }

  recordRefused(phoneNumberId: string): void {
    this.refused.push({ phoneNumberId, atMs: Date.now() });
    if (this.refused.length > maxSentKept) this.refused.splice(0, this.refused.length - maxSentKept);
  }

  /** The sends refused for throughput, as `recordRefused` kept them (the newest 10,000). */
  refusedSends(): ReadonlyArray<{ phoneNumberId: string; atMs: number }> {
    return this.refused;
  }

  sentMessages(): readonly SentMessage[] {
    return this.sent;
  }
}

/** A WhatsApp message id in Meta's format: `wamid.` and a base64 token. */
function newWamid(): string {
  return `wamid.${randomBytes(24).toString('base64').replace(/=+$/, '')}`;
}
