import { inboundDependencies } from '#channels/whatsapp/inbound/inbound-dependencies.ts';
import { part } from '../composition-root.ts';

/** What the inbound function stores and tells with. */
export const inbound = part(({ config, clients }) => inboundDependencies(config, clients));
