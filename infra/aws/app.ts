/**
 * The CDK app (`cdk.json` runs this file): the stacks that deploy the platform into the client's
 * account and region, read from the same typed configuration as the runtime code. The first
 * deployment goes in rollout steps (rollout.ts; README "Deploy to AWS").
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { loadConfig } from '#core/config/load-config.ts';
import { buildPlatformApp } from './platform-app.ts';

// The account's configuration, whatever WECARE_ENV the engineer's shell has.
const config = loadConfig({ ...process.env, WECARE_ENV: 'aws' });
const app = new App();
buildPlatformApp(app, config, { root: dirname(dirname(dirname(fileURLToPath(import.meta.url)))) });
app.synth();
