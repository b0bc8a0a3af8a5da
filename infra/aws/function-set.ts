import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Config } from '#core/config/config-schema.ts';
import { functionCatalog } from './function-catalog.ts';
import { PlatformFunction } from './platform-function.ts';

/** What every stack that holds functions is given. */
export interface FunctionStackProps {
  config: Config;
  root: string;
  bundling: BundlingOptions;
  /** Our code (the complete rollout step), or the seed's functions adopted as they are. */
  live: boolean;
}

/** Builds the named functions of the catalog in a stack, by name. */
export function buildFunctions(
  scope: Construct,
  props: FunctionStackProps,
  names: readonly string[],
  deadLetterQueues: Readonly<Record<string, IQueue>> = {},
): Map<string, PlatformFunction> {
  const built = new Map<string, PlatformFunction>();
  const catalog = functionCatalog(props.config);
  for (const name of names) {
    const spec = catalog.find((candidate) => candidate.name === name);
    if (!spec) throw new Error(`${name} is not in the function catalog`);
    // A function the seed does not have yet is created only with our code.
    if (!props.live && !spec.inSeed) continue;
    const deadLetterQueue = deadLetterQueues[name];
    built.set(
      name,
      new PlatformFunction(scope, constructIdOf(name), {
        config: props.config,
        spec,
        root: props.root,
        bundling: props.bundling,
        live: props.live,
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      }),
    );
  }
  return built;
}

/** `wecare-inbound-whatsapp` → `InboundWhatsapp`: stable logical ids from the function names. */
function constructIdOf(name: string): string {
  return name
    .replace(/^wecare-/, '')
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
