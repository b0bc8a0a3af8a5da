import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Config } from '#core/config/config-schema.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { functionCatalog } from './function-catalog.ts';
import { buildPlatformApp } from './platform-app.ts';
import { type SeedFunction, seedFunctionsContextKey } from './seed-functions.ts';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const config = loadConfig({ WECARE_ENV: 'aws' });

/** What `npm run deploy:save-seed-functions` writes for the seed's Python functions. */
export function savedSeedFunctions(settings: Config): SeedFunction[] {
  return functionCatalog(settings)
    .filter((spec) => spec.inSeed)
    .map((spec, index) => ({
      name: spec.name,
      runtime: 'python3.12',
      handler: 'lambda_function.lambda_handler',
      memoryMb: 256,
      timeoutSeconds: 30,
      roleArn: settings.aws.lambdaRoleArn,
      environment: { LOG_LEVEL: 'INFO' },
      architecture: 'x86_64' as const,
      codeKey: `seed-functions/${spec.name}/${String(index).padStart(64, 'a')}.zip`,
    }));
}

/**
 * The platform's stacks as `cdk synth` builds them (cdk.json's context), for the template tests:
 * offline, no credentials, and without bundling the functions (`bench/function-bundles` measures
 * the bundles). `rollout` is the `wecare:rollout` step; none is the complete deployment.
 */
export function synthesizePlatform(rollout?: number, options: { seedFunctionsSaved?: boolean } = {}) {
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      ...(rollout !== undefined ? { 'wecare:rollout': String(rollout) } : {}),
      ...(options.seedFunctionsSaved === false
        ? {}
        : { [seedFunctionsContextKey]: savedSeedFunctions(config) }),
    },
  });
  const stacks = buildPlatformApp(app, config, { root });
  const templates = Object.fromEntries(
    Object.entries(stacks)
      .filter(
        (entry): entry is [string, Stack] => typeof entry[1] === 'object' && 'templateOptions' in entry[1],
      )
      .map(([name, stack]) => [name, Template.fromStack(stack)]),
  ) as Record<string, Template>;
  return { config, stacks, templates };
}

/** Every resource of a type across the templates, by logical id. */
export function resourcesOf(
  templates: Record<string, Template>,
  type: string,
): Array<{
  stack: string;
  id: string;
  resource: { Properties?: Record<string, unknown>; DeletionPolicy?: string };
}> {
  return Object.entries(templates).flatMap(([stack, template]) =>
    Object.entries(template.findResources(type)).map(([id, resource]) => ({ stack, id, resource })),
  );
}
