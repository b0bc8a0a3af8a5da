import { Logger } from '@aws-lambda-powertools/logger';
import { config } from '../config/load-config.ts';

let root: Logger | undefined;

/**
 * The process's structured logger (Powertools: JSON lines, Lambda context, sampling). Children
 * carry a `component` key so that a line says which part of the platform wrote it.
 */
export function logger(component?: string): Logger {
  root ??= new Logger({ serviceName: 'wecare-digital', logLevel: config().logLevel });
  return component ? root.createChild({ persistentKeys: { component } }) : root;
}
