import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { reloadProcessConfig } from '#core/config/load-config.ts';
import { seed } from '#core/config/seed.ts';
import { ensureQueues } from '#core/queues/ensure-queues.ts';
import { queueDefinitions } from '#core/queues/queue-definitions.ts';
import { type EnsuredTable, ensureTables } from '#core/tables/ensure-tables.ts';
import { tableDefinitions } from '#core/tables/table-definitions.ts';
import { createStandInWorld, type StandInWorld, standInApis } from './aws-stand-in/apis/registry.ts';
import { Faults } from './aws-stand-in/fault-injection.ts';
import { startStandInServer } from './aws-stand-in/stand-in-server.ts';
import { localHostedUiBase, localIssuer } from './cognito/cognito-urls.ts';
import { startConsole } from './console/start-console.ts';
import { addIndexesFor } from './dynamodb/rebuild-table.ts';
import { startDynalite } from './dynamodb/start-dynalite.ts';
import { startDynamoDbLocal } from './dynamodb/start-dynamodb-local.ts';
import { portOf } from './free-port.ts';
import { deployLocalFunctions, type LocalFunctions } from './functions/local-functions.ts';
import { seedStarterDocuments } from './kb/seed-starter-documents.ts';
import type { RunningService } from './running-service.ts';
import { bucketNames, ensureBuckets } from './s3/ensure-buckets.ts';
import { startS3rver } from './s3/start-s3rver.ts';
import { connectSimulator } from './simulator/connect-simulator.ts';
import { startFauxqs } from './sqs/start-fauxqs.ts';

const seedShortLinkBase: string = seed.agent.shortLinkBaseUrl;

export interface LocalWorldOptions {
  config: Config;
  /** Keep data under `config.local.dataDirectory` across restarts (`npm start`); otherwise in memory / a temp dir. */
  persistent: boolean;
  /** Listen on any free ports instead of the configured ones (tests, benchmarks). */
  ephemeralPorts?: boolean;
  /** When the simulator answers a business message with sent, delivered and read (tests shorten them). */
  statusDelaysMs?: readonly [number, number, number];
  /** Deploy the platform's functions and connect the simulator to them (default); benchmarks of one path leave them out. */
  simulator?: boolean;
  /** Lambda's retry delays for the inbound function's asynchronous invocations (tests shorten them). */
  retryDelaysMs?: readonly number[];
}

export interface LocalWorld {
  /** The configuration with the endpoints the world really listens on. */
  config: Config;
  services: readonly RunningService[];
  /** The variables a process needs to reach this world (`WECARE_LOCAL_*`). */
  environment: Readonly<Record<string, string>>;
  tables: readonly EnsuredTable[];
  /** Documents in the Knowledge Base index at start. */
  knowledgeBaseDocuments: number;
  /** How many queues the world created. */
  queues: number;
  standIn: StandInWorld;
  faults: Faults;
  /** The platform's Lambda functions, deployed on this machine (absent when `simulator: false`). */
  functions?: LocalFunctions;
  stop(): Promise<void>;
}

/**
 * The whole AWS world on one machine, loopback only: DynamoDB, S3 and SQS stand-ins, the AWS
 * stand-in server, and every table, bucket and queue of the production inventory.
 */
export async function startLocalWorld(options: LocalWorldOptions): Promise<LocalWorld> {
  const { config, persistent } = options;
  const port = (endpoint: string) => (options.ephemeralPorts ? 0 : portOf(endpoint));
  const dataDirectory = resolve(config.local.dataDirectory);
  const scratch = persistent ? undefined : await mkdtemp(join(tmpdir(), 'wecare-local-'));
  const started: RunningService[] = [];
  let stopFunctions: () => Promise<void> = async () => undefined;
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
  try {
    const startDynamoDb =
      config.local.dynamoDbEngine === 'dynamodb-local' ? startDynamoDbLocal : startDynalite;
    const [dynamoDb, s3, sqs] = await Promise.all([
      track(
        started,
        startDynamoDb({
          port: port(config.local.dynamoDbEndpoint),
          ...(persistent ? { path: join(dataDirectory, 'dynamodb', config.local.dynamoDbEngine) } : {}),
        }),
      ),
      track(
        started,
        startS3rver({
          port: port(config.local.s3Endpoint),
          directory: scratch ? join(scratch, 's3') : join(dataDirectory, 's3'),
        }),
      ),
      track(started, startFauxqs({ port: port(config.local.sqsEndpoint) })),
    ]);
    const storesConfig = withEndpoints(config, {
      dynamoDbEndpoint: dynamoDb.endpoint,
      s3Endpoint: s3.endpoint,
      sqsEndpoint: sqs.endpoint,
    });
    const storeClients = createAwsClients(storesConfig);
    const standIn = createStandInWorld(
      storesConfig,
      storeClients,
      options.statusDelaysMs ? { statusDelaysMs: options.statusDelaysMs } : {},
    );
    const faults = new Faults();
    const standInServer = await track(
      started,
      startStandInServer({ port: port(config.local.awsEndpoint), apis: standInApis(standIn), faults }),
    );
    standIn.cognito.listenAt(standInServer.endpoint);
    // The console, served by Node from the same app the wecare-admin-api function runs (built at its
    // first request, from the configuration this world is about to set); the user pool's app client
    // allows exactly its callback and sign-out URLs.
    const consoleServer =
      options.simulator === false
        ? undefined
        : await track(started, startConsole(port(config.local.consoleEndpoint)));
    if (consoleServer)
      standIn.cognito.allowRedirects({
        callbackUrls: [`${consoleServer.endpoint}/auth/callback`],
        logoutUrls: [`${consoleServer.endpoint}/logout`],
      });
    // Payment links point at this machine's console (which serves `/l/<code>` as in AWS) unless
    // configured otherwise, so that they open locally.
    const linkBase =
      config.agent.shortLinkBaseUrl === seedShortLinkBase && consoleServer
        ? `${consoleServer.endpoint}/l/`
        : config.agent.shortLinkBaseUrl;
    const worldConfig = {
      ...withEndpoints(storesConfig, { awsEndpoint: standInServer.endpoint }),
      agent: { ...config.agent, shortLinkBaseUrl: linkBase },
    };
    const worldClients = createAwsClients(worldConfig);
    const environment = {
      WECARE_ENV: 'local',
      WECARE_LOCAL_DYNAMODB_URL: dynamoDb.endpoint,
      WECARE_LOCAL_S3_URL: s3.endpoint,
      WECARE_LOCAL_SQS_URL: sqs.endpoint,
      WECARE_LOCAL_AWS_URL: standInServer.endpoint,
      WECARE_LOCAL_DYNAMODB_ENGINE: config.local.dynamoDbEngine,
      WECARE_SHORT_LINK_BASE_URL: linkBase,
      // CloudWatch EMF lines would only be noise on one machine; the handlers' counts are still returned.
      POWERTOOLS_METRICS_DISABLED: 'true',
      // The user pool and its Hosted UI are the stand-in's (sso.wecare.digital in production).
      COGNITO_HOSTED_UI_DOMAIN: localHostedUiBase(worldConfig),
      COGNITO_ISSUER_URL: localIssuer(worldConfig),
      ...(consoleServer
        ? { WECARE_CONSOLE_URL: consoleServer.endpoint, WECARE_LOCAL_CONSOLE_URL: consoleServer.endpoint }
        : {}),
    } as Record<string, string>;
    const [tables] = await Promise.all([
      ensureTables(
        storeClients.dynamoDb,
        tableDefinitions(worldConfig),
        addIndexesFor(config.local.dynamoDbEngine),
      ),
      ensureBuckets(storeClients.s3, bucketNames(worldConfig)),
      ensureQueues(storeClients.sqs, queueDefinitions(worldConfig)),
    ]);
    await seedStarterDocuments(storeClients.s3, worldConfig);
    const knowledge = await standIn.knowledgeBase.rebuild();
    // The functions read their configuration from the environment, as a Lambda function does:
    // this process's environment now names the world's endpoints.
    Object.assign(process.env, environment);
    reloadProcessConfig();
    let functions: LocalFunctions | undefined;
    if (options.simulator !== false) {
      functions = deployLocalFunctions(worldConfig, worldClients, {
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      });
      const deployed = functions;
      standIn.functions = (name, event) => deployed.invokeByName(name, event);
      standIn.topicSubscriber = (event) => deployed.publishToTopic(event);
      stopFunctions = () => deployed.stop();
      connectSimulator(standIn.simulator, worldConfig, worldClients, functions);
    }
    return {
      config: worldConfig,
      services: [...started],
      environment,
      ...(functions ? { functions } : {}),
      tables,
      knowledgeBaseDocuments: knowledge.statistics.numberOfDocumentsScanned,
      queues: queueDefinitions(worldConfig).length,
      standIn,
      faults,
      stop: async () => {
        await stopFunctions();
        for (const client of [
          storeClients.dynamoDb,
          storeClients.s3,
          storeClients.sqs,
          worldClients.dynamoDb,
          worldClients.s3,
          worldClients.sqs,
        ])
          client.destroy();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function track(started: RunningService[], starting: Promise<RunningService>): Promise<RunningService> {
  const service = await starting;
  started.push(service);
  return service;
}

function withEndpoints(config: Config, endpoints: Partial<Config['local']>): Config {
  return { ...config, local: { ...config.local, ...endpoints } };
}
