import type { OutboundContent } from './outbound-content.ts';

/** The Cloud API message for our content: what SendWhatsAppMessage carries, base64-encoded by the SDK. */
export function metaOutboundPayload(
  content: OutboundContent,
  to: string,
  options: { replyTo?: string; mediaId?: string } = {},
): Record<string, unknown> {
  const base = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    ...(options.replyTo ? { context: { message_id: options.replyTo } } : {}),
  };
  switch (content.type) {
    case 'text':
      return { ...base, type: 'text', text: { body: content.body, preview_url: content.previewUrl } };
    case 'template': {
      const components: unknown[] = [];
      if (content.header?.length)
        components.push({ type: 'header', parameters: content.header.map(templateParameter) });
      if (content.body?.length)
        components.push({ type: 'body', parameters: content.body.map(templateParameter) });
      for (const button of content.buttons ?? []) {
        const parameter =
          button.subType === 'url'
            ? { type: 'text', text: button.parameter }
            : { type: 'payload', payload: button.parameter };
        components.push({
          type: 'button',
          sub_type: button.subType,
          index: String(button.index),
          parameters: [parameter],
        });
      }
      return {
        ...base,
        type: 'template',
        template: {
          name: content.name,
          language: { code: content.language },
          ...(components.length ? { components } : {}),
        },
      };
    }
    case 'image':
    case 'audio':
    case 'video':
    case 'document':
    case 'sticker':
      return {
        ...base,
        type: content.type,
        [content.type]: {
          id: options.mediaId,
          ...(content.caption && content.type !== 'audio' && content.type !== 'sticker'
            ? { caption: content.caption }
            : {}),
          ...(content.type === 'document' && content.filename ? { filename: content.filename } : {}),
        },
      };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          ...(content.header ? { header: { type: 'text', text: content.header } } : {}),
          body: { text: content.body },
          ...(content.footer ? { footer: { text: content.footer } } : {}),
          action: {
            buttons: content.buttons.map((button) => ({
              type: 'reply',
              reply: { id: button.id, title: button.title },
            })),
          },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          ...(content.header ? { header: { type: 'text', text: content.header } } : {}),
          body: { text: content.body },
          ...(content.footer ? { footer: { text: content.footer } } : {}),
          action: {
            button: content.buttonText,
            sections: content.sections.map((section) => ({
              ...(section.title ? { title: section.title } : {}),
              rows: section.rows.map((row) => ({
                id: row.id,
                title: row.title,
                ...(row.description ? { description: row.description } : {}),
              })),
            })),
          },
        },
      };
    case 'location':
      return {
        ...base,
        type: 'location',
        location: {
          latitude: content.latitude,
          longitude: content.longitude,
          name: content.name,
          address: content.address,
        },
      };
    case 'contacts':
      return {
        ...base,
        type: 'contacts',
        contacts: content.contacts.map((contact) => ({
          name: {
            formatted_name: contact.formattedName,
            first_name: contact.firstName,
            last_name: contact.lastName,
          },
          phones: contact.phones.map((phone) => ({
            phone: phone.phone,
            type: phone.type,
            wa_id: phone.waId,
          })),
          emails: contact.emails.map((email) => ({ email: email.email, type: email.type })),
          ...(contact.organization ? { org: { company: contact.organization } } : {}),
        })),
      };
    case 'reaction':
      return { ...base, type: 'reaction', reaction: { message_id: content.messageId, emoji: content.emoji } };
  }
}

function templateParameter(
  parameter: NonNullable<Extract<OutboundContent, { type: 'template' }>['body']>[number],
) {
  switch (parameter.type) {
    case 'text':
      return { type: 'text', text: parameter.text };
    case 'currency':
      return {
        type: 'currency',
        currency: {
          fallback_value: parameter.fallbackValue,
          code: parameter.code,
          amount_1000: parameter.amount1000,
        },
      };
    case 'date_time':
      return { type: 'date_time', date_time: { fallback_value: parameter.fallbackValue } };
    case 'image':
      return { type: 'image', image: { link: parameter.link } };
    case 'document':
      return {
        type: 'document',
        document: { link: parameter.link, ...(parameter.filename ? { filename: parameter.filename } : {}) },
      };
  }
}
