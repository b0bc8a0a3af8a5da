import { whatsAppSender as buildWhatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { part } from '../composition-root.ts';

/** The WhatsApp sender (the outbound function's, and the bot's). */
export const whatsAppSender = part(({ config, clients }) => buildWhatsAppSender(config, clients));
