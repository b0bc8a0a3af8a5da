import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  type IFunction,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  RuntimeFamily,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Config } from '#core/config/config-schema.ts';
import { accessStatements } from './access-statements.ts';
import { functionNodeOptions } from './function-bundling.ts';
import type { FunctionSpec } from './function-catalog.ts';
import { seedFunctionOf } from './seed-functions.ts';

export interface PlatformFunctionProps {
  config: Config;
  spec: FunctionSpec;
  /** The project root (handler entries are relative to it). */
  root: string;
  bundling: BundlingOptions;
  /** Our code, or (rollout step 0 and the index steps) the seed's Python function adopted as it is. */
  live: boolean;
  /** Where Lambda puts an asynchronous invocation that failed all its attempts. */
  deadLetterQueue?: IQueue;
}

/**
 * One function of the catalog: a `NodejsFunction` (esbuild, ARM64, Node.js 22) with its own role
 * holding exactly the catalog's access, Powertools' environment, X-Ray tracing and a log group with
 * a retention period. The function keeps the seed's name, so the deployment adopts the Python
 * function of that name and replaces its code (rollout.ts); until then it stands in the template as
 * the function it is today, code and settings (saved by `npm run deploy:save-seed-functions`), so
 * that adopting it changes nothing and a rollback restores it whole.
 */
export class PlatformFunction extends Construct {
  readonly function: IFunction;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    const { spec, config } = props;
    // The log group Lambda created for the seed's function already exists: it is adopted too.
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${spec.name}`,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!props.live) {
      // The Python function as it runs today (seed-functions.ts): adopting it changes nothing.
      const seed = seedFunctionOf(this.node, spec.name);
      const adopted = new LambdaFunction(this, 'Function', {
        functionName: spec.name,
        description: spec.description,
        runtime: new Runtime(seed.runtime, RuntimeFamily.OTHER),
        architecture: seed.architecture === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
        handler: seed.handler,
        code: Code.fromBucket(
          Bucket.fromBucketName(this, 'DeploymentBucket', config.buckets.deployment.name),
          seed.codeKey,
        ),
        memorySize: seed.memoryMb,
        timeout: Duration.seconds(seed.timeoutSeconds),
        role: Role.fromRoleArn(this, 'SeedRole', seed.roleArn, { mutable: false }),
        environment: seed.environment,
        logGroup,
      });
      adopted.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.function = adopted;
      return;
    }
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${spec.name}: exactly what the function uses`,
    });
    for (const statement of accessStatements(config, spec.access)) role.addToPolicy(statement);
    // Logs to its own group, traces to X-Ray (X-Ray's write actions take no resource narrower than *).
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}`],
      }),
    );
    const fn = new NodejsFunction(this, 'Function', {
      functionName: spec.name,
      description: spec.description,
      entry: join(props.root, spec.entry),
      handler: 'handler',
      projectRoot: props.root,
      depsLockFilePath: join(props.root, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: role as IRole,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      bundling: spec.assets?.length
        ? {
            ...props.bundling,
            // Beside index.mjs, where the code reads them (new URL('./<file>', import.meta.url)).
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) =>
                (spec.assets ?? []).map((asset) => `cp "${inputDir}/${asset}" "${outputDir}/"`),
            },
          }
        : props.bundling,
      ...(spec.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: spec.reservedConcurrency }
        : {}),
      ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      environment: {
        WECARE_ENV: 'aws',
        WECARE_LOG_LEVEL: config.logLevel === 'SILENT' ? 'INFO' : config.logLevel,
        POWERTOOLS_SERVICE_NAME: spec.name,
        POWERTOOLS_METRICS_NAMESPACE: 'WECARE.DIGITAL',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: functionNodeOptions,
      },
    });
    fn.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.function = fn;
  }
}
