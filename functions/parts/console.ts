import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { part } from '../composition-root.ts';

/** The console's Hono app, built once per execution environment from the platform. */
export const adminConsole = part(({ config, clients }) => consoleApp(consoleDependencies(config, clients)));
