import * as z from 'zod';
import { inboundLimits } from './inbound-limits.ts';
import {
  LooseNumber,
  MediaId,
  MetaNumericId,
  MimeType,
  ShortText,
  UnixSeconds,
  WaId,
  Wamid,
} from './meta-primitives.ts';

/**
 * One message of Meta's `messages` webhook, per type, turned into our payloads (camelCase, media
 * ids named `mediaId`, a removed reaction made explicit). Meta adds fields over time; unknown
 * fields are ignored, known ones are checked.
 *
 * @example
 * { "from": "919876543210", "id": "wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0VCMEI0QkY3MjVBNTVEMjRGRkUA",
 *   "timestamp": "1767000000", "type": "text", "text": { "body": "What are your hours?" } }
 */

const Context = z
  .object({
    id: Wamid.optional(),
    from: WaId.optional(),
    forwarded: z.boolean().optional(),
    frequently_forwarded: z.boolean().optional(),
    referred_product: z
      .object({ catalog_id: MetaNumericId, product_retailer_id: z.string().min(1).max(512) })
      .optional(),
  })
  .transform((context) => ({
    ...(context.id !== undefined ? { id: context.id } : {}),
    ...(context.from !== undefined ? { from: context.from } : {}),
    ...(context.forwarded !== undefined ? { forwarded: context.forwarded } : {}),
    ...(context.frequently_forwarded !== undefined
      ? { frequentlyForwarded: context.frequently_forwarded }
      : {}),
    ...(context.referred_product
      ? {
          referredProduct: {
            catalogId: context.referred_product.catalog_id,
            productRetailerId: context.referred_product.product_retailer_id,
          },
        }
      : {}),
  }));
export type MessageContext = z.infer<typeof Context>;

/** Click-to-WhatsApp ad or post that started the conversation. */
const Referral = z
  .object({
    source_url: z.string().max(2048).optional(),
    source_id: z.string().max(256).optional(),
    source_type: z.string().max(64).optional(),
    headline: ShortText().optional(),
    body: ShortText().optional(),
    media_type: z.string().max(64).optional(),
    image_url: z.string().max(2048).optional(),
    video_url: z.string().max(2048).optional(),
    thumbnail_url: z.string().max(2048).optional(),
    ctwa_clid: z.string().max(1024).optional(),
    welcome_message: z.object({ text: ShortText() }).optional(),
  })
  .transform((referral) => ({
    sourceUrl: referral.source_url ?? null,
    sourceId: referral.source_id ?? null,
    sourceType: referral.source_type ?? null,
    headline: referral.headline ?? null,
    body: referral.body ?? null,
    mediaType: referral.media_type ?? null,
    imageUrl: referral.image_url ?? null,
    videoUrl: referral.video_url ?? null,
    thumbnailUrl: referral.thumbnail_url ?? null,
    ctwaClid: referral.ctwa_clid ?? null,
    welcomeMessageText: referral.welcome_message?.text ?? null,
  }));
export type MessageReferral = z.infer<typeof Referral>;

const Media = z.object({
  id: MediaId,
  mime_type: MimeType,
  sha256: z.string().min(1).max(128),
  caption: ShortText(4096).optional(),
  filename: z.string().max(1024).optional(),
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
  url: z.string().max(2048).optional(),
});
const mediaPayload = (media: z.infer<typeof Media>) => ({
  mediaId: media.id,
  mimeType: media.mime_type,
  sha256: media.sha256,
  ...(media.caption !== undefined ? { caption: media.caption } : {}),
  ...(media.filename !== undefined ? { filename: media.filename } : {}),
  ...(media.voice !== undefined ? { voice: media.voice } : {}),
  ...(media.animated !== undefined ? { animated: media.animated } : {}),
});
export type MediaPayload = ReturnType<typeof mediaPayload>;

const MetaError = z
  .object({
    code: z.number().int(),
    title: ShortText(1024).optional(),
    message: ShortText(1024).optional(),
    error_data: z.object({ details: ShortText(2048).optional() }).optional(),
    details: ShortText(2048).optional(),
    href: z.string().max(2048).optional(),
  })
  .transform((error) => ({
    code: error.code,
    title: error.title ?? null,
    message: error.message ?? null,
    details: error.error_data?.details ?? error.details ?? null,
  }));

export { MetaError };
export type MetaErrorFacts = z.infer<typeof MetaError>;

const ContactCard = z
  .object({
    name: z.object({
      formatted_name: ShortText(1024),
      first_name: ShortText(512).optional(),
      last_name: ShortText(512).optional(),
      middle_name: ShortText(512).optional(),
      suffix: ShortText(128).optional(),
      prefix: ShortText(128).optional(),
    }),
    phones: z
      .array(
        z.object({ phone: ShortText(64).optional(), wa_id: WaId.optional(), type: ShortText(64).optional() }),
      )
      .max(50)
      .optional(),
    emails: z
      .array(z.object({ email: ShortText(320).optional(), type: ShortText(64).optional() }))
      .max(50)
      .optional(),
    urls: z
      .array(z.object({ url: ShortText(2048).optional(), type: ShortText(64).optional() }))
      .max(50)
      .optional(),
    addresses: z
      .array(
        z.object({
          street: ShortText(1024).optional(),
          city: ShortText(256).optional(),
          state: ShortText(256).optional(),
          zip: ShortText(64).optional(),
          country: ShortText(256).optional(),
          country_code: ShortText(8).optional(),
          type: ShortText(64).optional(),
        }),
      )
      .max(50)
      .optional(),
    org: z
      .object({
        company: ShortText(512).optional(),
        department: ShortText(512).optional(),
        title: ShortText(512).optional(),
      })
      .optional(),
    birthday: ShortText(32).optional(),
  })
  .transform((card) => ({
    name: {
      formattedName: card.name.formatted_name,
      firstName: card.name.first_name ?? null,
      lastName: card.name.last_name ?? null,
      middleName: card.name.middle_name ?? null,
      suffix: card.name.suffix ?? null,
      prefix: card.name.prefix ?? null,
    },
    phones: (card.phones ?? []).map((phone) => ({
      phone: phone.phone ?? null,
      waId: phone.wa_id ?? null,
      type: phone.type ?? null,
    })),
    emails: (card.emails ?? []).map((email) => ({ email: email.email ?? null, type: email.type ?? null })),
    urls: (card.urls ?? []).map((url) => ({ url: url.url ?? null, type: url.type ?? null })),
    addresses: (card.addresses ?? []).map((address) => ({
      street: address.street ?? null,
      city: address.city ?? null,
      state: address.state ?? null,
      zip: address.zip ?? null,
      country: address.country ?? null,
      countryCode: address.country_code ?? null,
      type: address.type ?? null,
    })),
    org: card.org
      ? {
          company: card.org.company ?? null,
          department: card.org.department ?? null,
          title: card.org.title ?? null,
        }
      : null,
    birthday: card.birthday ?? null,
  }));

const Interactive = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('button_reply'),
      button_reply: z.object({ id: ShortText(256), title: ShortText(256) }),
    })
    .transform((interactive) => ({
      type: 'button_reply' as const,
      buttonReply: { id: interactive.button_reply.id, title: interactive.button_reply.title },
    })),
  z
    .object({
      type: z.literal('list_reply'),
      list_reply: z.object({
        id: ShortText(256),
        title: ShortText(256),
        description: ShortText(1024).optional(),
      }),
    })
    .transform((interactive) => ({
      type: 'list_reply' as const,
      listReply: {
        id: interactive.list_reply.id,
        title: interactive.list_reply.title,
        description: interactive.list_reply.description ?? null,
      },
    })),
  z
    .object({
      type: z.literal('nfm_reply'),
      nfm_reply: z.object({
        response_json: ShortText(65_536),
        body: ShortText(4096).optional(),
        name: ShortText(256).optional(),
      }),
    })
    .transform((interactive) => ({
      type: 'nfm_reply' as const,
      nfmReply: {
        responseJson: interactive.nfm_reply.response_json,
        body: interactive.nfm_reply.body ?? null,
        name: interactive.nfm_reply.name ?? null,
      },
    })),
]);

const Order = z
  .object({
    catalog_id: MetaNumericId,
    text: ShortText().optional(),
    product_items: z
      .array(
        z.object({
          product_retailer_id: z.string().min(1).max(512),
          quantity: LooseNumber,
          item_price: LooseNumber,
          currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code' }),
        }),
      )
      .min(1)
      .max(100),
  })
  .transform((order) => ({
    catalogId: order.catalog_id,
    text: order.text ?? null,
    productItems: order.product_items.map((item) => ({
      productRetailerId: item.product_retailer_id,
      quantity: item.quantity,
      itemPrice: item.item_price,
      currency: item.currency,
    })),
  }));

const System = z
  .object({
    body: ShortText().optional(),
    type: z.string().min(1).max(64),
    identity: z.string().max(256).optional(),
    new_wa_id: WaId.optional(),
    wa_id: WaId.optional(),
    customer: z.string().max(64).optional(),
  })
  .transform((system) => ({
    body: system.body ?? null,
    type: system.type,
    newWaId: system.new_wa_id ?? null,
    waId: system.wa_id ?? null,
    identity: system.identity ?? null,
    customer: system.customer ?? null,
  }));

const common = {
  from: WaId,
  id: Wamid,
  timestamp: UnixSeconds,
  context: Context.optional(),
  referral: Referral.optional(),
};

const variant = <Type extends string, Shape extends z.ZodRawShape>(type: Type, shape: Shape) =>
  z.object({ ...common, type: z.literal(type), ...shape });

/** Every message type Meta documents; `unsupported` (and the older `unknown`) carry `errors`, e.g. 131051. */
export const MetaMessage = z.discriminatedUnion('type', [
  variant('text', { text: z.object({ body: z.string().min(1).max(inboundLimits.maxTextBodyCharacters) }) }),
  variant('image', { image: Media }),
  variant('audio', { audio: Media }),
  variant('video', { video: Media }),
  variant('document', { document: Media }),
  variant('sticker', { sticker: Media }),
  variant('location', {
    location: z.object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: ShortText(1024).optional(),
      address: ShortText(1024).optional(),
      url: z.string().max(2048).optional(),
    }),
  }),
  variant('contacts', { contacts: z.array(ContactCard).min(1).max(257) }),
  variant('interactive', { interactive: Interactive }),
  variant('button', { button: z.object({ payload: ShortText(1024).optional(), text: ShortText(1024) }) }),
  variant('reaction', { reaction: z.object({ message_id: Wamid, emoji: z.string().max(64).optional() }) }),
  variant('order', { order: Order }),
  variant('system', { system: System }),
  variant('unsupported', {
    errors: z.array(MetaError).min(1).max(20),
    unsupported: z.object({ type: z.string().max(64) }).optional(),
  }),
  variant('unknown', { errors: z.array(MetaError).min(1).max(20) }),
]);
export type MetaMessage = z.infer<typeof MetaMessage>;

export const messageTypes = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'order',
  'system',
  'unsupported',
  'unknown',
] as const;
export type MessageType = (typeof messageTypes)[number];

/** The member of the message that holds a type's payload. */
export function payloadKeyOf(type: MessageType): string {
  return type === 'unsupported' || type === 'unknown' ? 'errors' : type;
}

/** The facts of a message's type, in our camelCase shape. */
export function payloadOf(message: MetaMessage) {
  switch (message.type) {
    case 'text':
      return { body: message.text.body };
    case 'image':
      return mediaPayload(message.image);
    case 'audio':
      return mediaPayload(message.audio);
    case 'video':
      return mediaPayload(message.video);
    case 'document':
      return mediaPayload(message.document);
    case 'sticker':
      return mediaPayload(message.sticker);
    case 'location':
      return {
        latitude: message.location.latitude,
        longitude: message.location.longitude,
        name: message.location.name ?? null,
        address: message.location.address ?? null,
        url: message.location.url ?? null,
      };
    case 'contacts':
      return { contacts: message.contacts };
    case 'interactive':
      return message.interactive;
    case 'button':
      return { payload: message.button.payload ?? null, text: message.button.text };
    case 'reaction': {
      const emoji = message.reaction.emoji ? message.reaction.emoji : null;
      return { messageId: message.reaction.message_id, emoji, removed: emoji === null };
    }
    case 'order':
      return message.order;
    case 'system':
      return message.system;
    case 'unsupported':
      return { errors: message.errors, unsupportedType: message.unsupported?.type ?? null };
    case 'unknown':
      return { errors: message.errors, unsupportedType: null };
  }
}
export type MessagePayload = ReturnType<typeof payloadOf>;
