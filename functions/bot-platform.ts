import { botDependencies } from '#agent/agent-dependencies.ts';
import type { BotDependencies } from '#agent/router/answer-pending-messages.ts';
import { type Platform, platform } from './composition-root.ts';

const bots = new WeakMap<Platform, BotDependencies>();

/**
 * The bot's collaborators on this process's platform (its model, tools and stores), built on first
 * use and kept with that platform. Apart from the composition root because the bot's model is
 * LangChain's: a function that imports this bundles LangChain (about 600 KB minified), and only the
 * bot and the dead-letter replay, which reruns the bot, do.
 */
export function bot(): BotDependencies {
  const current = platform();
  let built = bots.get(current);
  if (!built) {
    built = botDependencies(current.config, current.clients, current.whatsAppSender());
    bots.set(current, built);
  }
  return built;
}
