import { smsSender as buildSmsSender } from '#channels/sms/sms-dependencies.ts';
import { part } from '../composition-root.ts';

export const smsSender = part(({ config, clients }) => buildSmsSender(config, clients));
