import * as z from 'zod';
import type { BusinessDirectory } from '../business-directory.ts';
import type { Envelope } from './envelope-layer.ts';
import { inboundLimits } from './inbound-limits.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import type { InboundMessage, InboundStatus } from './inbound-types.ts';
import {
  type MessageType,
  MetaMessage,
  messageTypes,
  payloadKeyOf,
  payloadOf,
} from './meta-message-schema.ts';
import { isoFromUnixSeconds, MetaNumericId, WaId } from './meta-primitives.ts';
import { MetaStatus, statusValues } from './meta-status-schema.ts';
import { parseJsonLayer } from './parse-json-layer.ts';
import { errorFromZod } from './zod-issue.ts';

/**
 * Meta's webhook entry: one WABA, one or more changes; a `messages` change holds the business
 * number's metadata, the senders' profiles, and messages and/or statuses.
 *
 * @example
 * { "id": "1347766229904230", "changes": [{ "field": "messages", "value": {
 *     "messaging_product": "whatsapp", "metadata": { "display_phone_number": "919330994400", "phone_number_id": "831049713436137" },
 *     "contacts": [{ "profile": { "name": "Priya Sharma" }, "wa_id": "919876543210" }],
 *     "messages": [{ "from": "919876543210", "id": "wamid.HBgM…", "timestamp": "1767000000", "type": "text", "text": { "body": "Hi" } }] } }] }
 */
const Entry = z.object({
  id: MetaNumericId,
  time: z.number().optional(),
  changes: z
    .array(z.object({ field: z.string().min(1).max(128), value: z.unknown() }))
    .min(1)
    .max(100),
});

const MessagesValue = z.object({
  messaging_product: z.literal('whatsapp', { error: 'must be "whatsapp"' }),
  metadata: z.object({
    display_phone_number: z.string().regex(/^\+?[\d ]{6,24}$/, { error: 'must be a phone number' }),
    phone_number_id: MetaNumericId,
  }),
  contacts: z
    .array(z.object({ wa_id: WaId, profile: z.object({ name: z.string().max(256).optional() }).optional() }))
    .max(inboundLimits.maxItemsPerChange)
    .optional(),
  messages: z.array(z.unknown()).max(inboundLimits.maxItemsPerChange).optional(),
  statuses: z.array(z.unknown()).max(inboundLimits.maxItemsPerChange).optional(),
});

export interface EntryFacts {
  metaWabaId: string;
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  messages: InboundMessage[];
  statuses: InboundStatus[];
  ignoredFields: string[];
}

export function entryFactsOf(envelope: Envelope, directory: BusinessDirectory): EntryFacts {
  if (typeof envelope.webhookEntry !== 'string') {
    const kind =
      envelope.webhookEntry === null
        ? 'null'
        : envelope.webhookEntry === undefined
          ? 'missing'
          : typeof envelope.webhookEntry;
    throw new InboundParseError(
      envelope.webhookEntry === undefined
        ? 'missing-field'
        : envelope.webhookEntry === null
          ? 'null-field'
          : 'wrong-type',
      'entry',
      `envelope.whatsAppWebhookEntry must be a JSON string, not ${kind}`,
    );
  }
  const raw = parseJsonLayer(
    envelope.webhookEntry,
    'entry',
    'envelope.whatsAppWebhookEntry',
    inboundLimits.maxSnsMessageBytes,
    true,
  );
  const parsed = Entry.safeParse(raw);
  if (!parsed.success) throw errorFromZod(parsed.error, 'entry', 'entry', raw);
  const entry = parsed.data;
  if (!envelope.metaWabaIds.has(entry.id)) {
    throw new InboundParseError(
      'context-mismatch',
      'entry',
      `entry.id ${entry.id} is not the WABA named by the envelope's context`,
    );
  }
  const facts: EntryFacts = {
    metaWabaId: entry.id,
    phoneNumberId: null,
    displayPhoneNumber: null,
    messages: [],
    statuses: [],
    ignoredFields: [],
  };
  for (let changeIndex = 0; changeIndex < entry.changes.length; changeIndex += 1) {
    const change = entry.changes[changeIndex] as (typeof entry.changes)[number];
    if (change.field !== 'messages') {
      facts.ignoredFields.push(change.field);
      continue;
    }
    const value = MessagesValue.safeParse(change.value);
    if (!value.success) throw errorFromZod(value.error, 'entry', valuePath(changeIndex), change.value);
    const { metadata, contacts = [], messages = [], statuses = [] } = value.data;
    checkBusinessNumber(metadata, entry.id, envelope, directory, changeIndex);
    facts.phoneNumberId ??= metadata.phone_number_id;
    facts.displayPhoneNumber ??= metadata.display_phone_number;
    const profiles = new Map<string, string | null>();
    for (const contact of contacts) profiles.set(contact.wa_id, contact.profile?.name ?? null);
    for (let index = 0; index < messages.length; index += 1) {
      facts.messages.push(
        messageOf(messages[index], changeIndex, index, metadata.phone_number_id, entry.id, profiles),
      );
    }
    for (let index = 0; index < statuses.length; index += 1) {
      facts.statuses.push(statusOf(statuses[index], changeIndex, index, metadata.phone_number_id, entry.id));
    }
  }
  return facts;
}

/** The number in the metadata must be the envelope's, one of the business's, on this WABA, with its own display number. */
function checkBusinessNumber(
  metadata: { display_phone_number: string; phone_number_id: string },
  metaWabaId: string,
  envelope: Envelope,
  directory: BusinessDirectory,
  changeIndex: number,
): void {
  const phone = directory.phoneByMetaId.get(metadata.phone_number_id);
  if (!phone)
    throw new InboundParseError(
      'unknown-phone-number',
      'entry',
      `${valuePath(changeIndex)}.metadata.phone_number_id ${metadata.phone_number_id} is not one of the business's numbers`,
    );
  if (!envelope.metaPhoneNumberIds.has(metadata.phone_number_id)) {
    throw new InboundParseError(
      'context-mismatch',
      'entry',
      `${valuePath(changeIndex)}.metadata.phone_number_id is not the number named by the envelope's context`,
    );
  }
  if (phone.metaWabaId !== metaWabaId)
    throw new InboundParseError(
      'context-mismatch',
      'entry',
      `${valuePath(changeIndex)}.metadata.phone_number_id belongs to another WABA than entry.id`,
    );
  const display = metadata.display_phone_number;
  if (display !== phone.displayDigits && display.replace(/\D/g, '') !== phone.displayDigits) {
    throw new InboundParseError(
      'context-mismatch',
      'entry',
      `${valuePath(changeIndex)}.metadata.display_phone_number does not match the number's display number`,
    );
  }
}

function messageOf(
  candidate: unknown,
  changeIndex: number,
  index: number,
  phoneNumberId: string,
  wabaId: string,
  profiles: ReadonlyMap<string, string | null>,
): InboundMessage {
  checkPayloadPresent(candidate, changeIndex, index);
  const parsed = MetaMessage.safeParse(candidate);
  if (!parsed.success)
    throw errorFromZod(parsed.error, 'message', itemPath(changeIndex, 'messages', index), candidate);
  const message = parsed.data;
  return {
    wamid: message.id,
    from: message.from,
    profileName: profiles.get(message.from) ?? null,
    type: message.type,
    timestamp: isoFromUnixSeconds(message.timestamp),
    timestampUnix: message.timestamp,
    phoneNumberId,
    wabaId,
    payload: payloadOf(message),
    context: message.context && Object.keys(message.context).length > 0 ? message.context : null,
    referral: message.referral ?? null,
  };
}

/** A known `type` must come with its own payload object; anything else is refused with a precise reason. */
function checkPayloadPresent(candidate: unknown, changeIndex: number, index: number): void {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    throw new InboundParseError(
      'wrong-type',
      'message',
      `${itemPath(changeIndex, 'messages', index)} must be an object`,
    );
  }
  const type = (candidate as { type?: unknown }).type;
  if (type === undefined)
    throw new InboundParseError(
      'missing-field',
      'message',
      `${itemPath(changeIndex, 'messages', index)}.type: is required`,
    );
  if (typeof type !== 'string')
    throw new InboundParseError(
      'wrong-type',
      'message',
      `${itemPath(changeIndex, 'messages', index)}.type: must be a string`,
    );
  if (!(messageTypes as readonly string[]).includes(type)) {
    throw new InboundParseError(
      'unknown-type',
      'message',
      `${itemPath(changeIndex, 'messages', index)}.type: "${type.slice(0, 40)}" is not a WhatsApp message type`,
    );
  }
  const key = payloadKeyOf(type as MessageType);
  const payload = (candidate as Record<string, unknown>)[key];
  const expectsArray = key === 'contacts' || key === 'errors';
  if (
    payload === undefined ||
    payload === null ||
    (expectsArray ? !Array.isArray(payload) : typeof payload !== 'object' || Array.isArray(payload))
  ) {
    throw new InboundParseError(
      'payload-mismatch',
      'message',
      `${itemPath(changeIndex, 'messages', index)}: ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} message needs its "${key}" ${expectsArray ? 'list' : 'object'}`,
    );
  }
}

function statusOf(
  candidate: unknown,
  changeIndex: number,
  index: number,
  phoneNumberId: string,
  wabaId: string,
): InboundStatus {
  const parsed = MetaStatus.safeParse(candidate);
  if (!parsed.success) {
    const path = itemPath(changeIndex, 'statuses', index);
    const error = errorFromZod(parsed.error, 'status', path, candidate);
    const value = (candidate as { status?: unknown } | null)?.status;
    if (
      error.code === 'invalid-value' &&
      typeof value === 'string' &&
      !(statusValues as readonly string[]).includes(value)
    ) {
      throw new InboundParseError(
        'unknown-status',
        'status',
        `${path}.status: "${value.slice(0, 40)}" is not a WhatsApp status`,
      );
    }
    throw error;
  }
  const status = parsed.data;
  const errors = status.errors ?? [];
  const errorCodes: number[] = [];
  const errorTitles: string[] = [];
  for (const error of errors) {
    errorCodes.push(error.code);
    if (error.title) errorTitles.push(error.title);
  }
  return {
    wamid: status.id,
    status: status.status,
    recipientId: status.recipient_id,
    timestamp: isoFromUnixSeconds(status.timestamp),
    timestampUnix: status.timestamp,
    phoneNumberId,
    wabaId,
    errorCodes,
    errorTitles,
    errors,
    pricing: status.pricing ?? null,
    conversation: status.conversation ?? null,
    bizOpaqueCallbackData: status.biz_opaque_callback_data ?? null,
  };
}

function valuePath(changeIndex: number): string {
  return `entry.changes[${changeIndex}].value`;
}

function itemPath(changeIndex: number, list: 'messages' | 'statuses', index: number): string {
  return `${valuePath(changeIndex)}.${list}[${index}]`;
}
