import { emailSender as buildEmailSender } from '#channels/email/email-dependencies.ts';
import { part } from '../composition-root.ts';

export const emailSender = part(({ config, clients }) => buildEmailSender(config, clients));
