import { botDependencies } from '#agent/agent-dependencies.ts';
import { part } from '../composition-root.ts';
import { whatsAppSender } from './whatsapp-sender.ts';

/**
 * The bot's collaborators (its model, retriever, tools and stores). A part of its own so that only
 * the bot function bundles the agent, its tools and the Bedrock clients.
 */
export const bot = part(({ config, clients }) => botDependencies(config, clients, whatsAppSender()));
