import { z } from 'zod';

/**
 * The checks Meta's Cloud API makes on a message before accepting it, as far as the stand-in
 * needs them: the envelope, a known type, and that type's payload object. Content rules (lengths,
 * button counts) are enforced by our outbound channel before any call, as Meta would.
 */
const messageTypes = [
  'text',
  'template',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'interactive',
  'location',
  'contacts',
  'reaction',
] as const;

const mediaTypes = new Set(['image', 'audio', 'video', 'document', 'sticker']);

const Outgoing = z
  .object({
    messaging_product: z.literal('whatsapp'),
    recipient_type: z.literal('individual').optional(),
    to: z.string().regex(/^\+?\d{6,15}$/, 'must be a phone number in international format'),
    type: z.enum(messageTypes).default('text'),
    context: z.object({ message_id: z.string().min(1) }).optional(),
  })
  .catchall(z.unknown());

const MarkAsRead = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string().min(1),
});

export type MetaMessage =
  | {
      kind: 'message';
      to: string;
      type: (typeof messageTypes)[number];
      body: Record<string, unknown>;
      mediaId?: string;
    }
  | { kind: 'mark-as-read'; messageId: string };

/** Parses a decoded Meta message, or returns the reason Meta would refuse it. */
export function parseMetaMessage(candidate: unknown): MetaMessage | { error: string } {
  const read = MarkAsRead.safeParse(candidate);
  if (read.success) return { kind: 'mark-as-read', messageId: read.data.message_id };
  const parsed = Outgoing.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: `(#100) Invalid parameter: ${issue?.path.join('.') || 'message'} ${issue?.message ?? ''}`.trim(),
    };
  }
  const { type } = parsed.data;
  const payload = parsed.data[type];
  if (type === 'contacts') {
    if (!Array.isArray(payload) || payload.length === 0)
      return { error: '(#100) Invalid parameter: contacts needs a list of contacts' };
    return { kind: 'message', to: parsed.data.to, type, body: parsed.data as Record<string, unknown> };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { error: `(#100) Invalid parameter: a message of type ${type} needs a "${type}" object` };
  }
  const fields = payload as Record<string, unknown>;
  if (type === 'text' && (typeof fields.body !== 'string' || fields.body.length === 0)) {
    return { error: '(#100) Invalid parameter: text.body is required' };
  }
  let mediaId: string | undefined;
  if (mediaTypes.has(type)) {
    if (typeof fields.id === 'string') mediaId = fields.id;
    else if (typeof fields.link !== 'string')
      return { error: `(#100) Invalid parameter: ${type} needs an id or a link` };
  }
  return {
    kind: 'message',
    to: parsed.data.to,
    type,
    body: parsed.data as Record<string, unknown>,
    ...(mediaId ? { mediaId } : {}),
  };
}
