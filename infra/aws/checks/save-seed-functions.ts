/**
 * `npm run deploy:save-seed-functions`: before the first rollout step, saves each seed Python
 * function our handlers will replace: its code into the deployment bucket
 * (`seed-functions/<name>/<sha256>.zip`) and its settings into cdk.context.json
 * (`wecare:seedFunctions`), so that the template can describe it exactly (seed-functions.ts).
 * Read-only on the functions; safe to run again (the same code lands under the same key).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '#core/config/load-config.ts';
import { functionCatalog } from '../function-catalog.ts';
import { type SeedFunction, seedFunctionsContextKey } from '../seed-functions.ts';

const root = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))));
const config = loadConfig({ ...process.env, WECARE_ENV: 'aws' });
const lambda = new LambdaClient({ region: config.aws.region });
const s3 = new S3Client({ region: config.aws.region });
const saved: SeedFunction[] = [];
for (const spec of functionCatalog(config).filter((entry) => entry.inSeed)) {
  const found = await lambda.send(new GetFunctionCommand({ FunctionName: spec.name }));
  const configuration = found.Configuration;
  if (!configuration?.CodeSha256 || !found.Code?.Location)
    throw new Error(`${spec.name}: Lambda returned no code for the function`);
  if (configuration.Runtime?.startsWith('nodejs'))
    throw new Error(
      `${spec.name} already runs ${configuration.Runtime}: the rollout's first steps are behind you`,
    );
  const sha256 = Buffer.from(configuration.CodeSha256, 'base64').toString('hex');
  const codeKey = `seed-functions/${spec.name}/${sha256}.zip`;
  const zip = new Uint8Array(await (await fetch(found.Code.Location)).arrayBuffer());
  await s3.send(
    new PutObjectCommand({
      Bucket: config.buckets.deployment.name,
      Key: codeKey,
      Body: zip,
      ContentType: 'application/zip',
    }),
  );
  saved.push({
    name: spec.name,
    runtime: configuration.Runtime ?? 'python3.12',
    handler: configuration.Handler ?? 'lambda_function.lambda_handler',
    memoryMb: configuration.MemorySize ?? 256,
    timeoutSeconds: configuration.Timeout ?? 30,
    roleArn: configuration.Role ?? config.aws.lambdaRoleArn,
    environment: configuration.Environment?.Variables ?? {},
    architecture: configuration.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    codeKey,
  });
  console.log(
    `${spec.name}: ${configuration.Runtime}, code saved as s3://${config.buckets.deployment.name}/${codeKey}`,
  );
}
const contextFile = join(root, 'cdk.context.json');
const context = existsSync(contextFile)
  ? (JSON.parse(readFileSync(contextFile, 'utf8')) as Record<string, unknown>)
  : {};
writeFileSync(contextFile, `${JSON.stringify({ ...context, [seedFunctionsContextKey]: saved }, null, 2)}\n`);
console.log(
  `Saved ${saved.length} seed functions to cdk.context.json (${seedFunctionsContextKey}): commit it with the deployment.`,
);
