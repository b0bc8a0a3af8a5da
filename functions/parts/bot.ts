import { botDependencies } from '#agent/agent-dependencies.ts';
import { part } from '../composition-root.ts';
import { whatsAppSender } from './whatsapp-sender.ts';

/**
 * The bot's collaborators (its model, tools and stores). A part of its own because the bot's model
 * is LangChain's: a function that imports this bundles LangChain (about 600 KB minified), and only
 * the bot function does.
 */
export const bot = part(({ config, clients }) => botDependencies(config, clients, whatsAppSender()));
