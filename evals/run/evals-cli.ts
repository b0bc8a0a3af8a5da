/**
 * `npm run evals -- [--dataset NAME] [--model offline|nova-pro] [--concurrency N] [--baseline FILE]
 * [--filter TAG] [--repeat N] [--out DIR] [--update-baseline] [--publish] [--via simulator|sns]`
 *
 * Runs every case through the platform's real path (simulator or SNS topic → inbound function →
 * router → bot → tools → sender) on a local world of its own, or against the deployed platform
 * with WECARE_ENV=aws and --model nova-pro (each turn an EUM Social event published to the seed
 * topic, the answers read from the platform's tables);
 * grades each answer; writes the report (JSON and Markdown) and compares it with the baseline.
 * `npm run evals -- import-flag <flag id>` turns a reply flagged in the console into a case.
 * `--publish` puts the report where the console shows it (the running `npm start` world's S3, or
 * AWS's). Exits 1 when a case regressed or a category dropped by more than five points, 2 on bad usage.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SNSClient } from '@aws-sdk/client-sns';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { baseOptions } from '#core/aws/client-registry.ts';
import { loadConfig } from '#core/config/load-config.ts';
import { MessageFlagStore } from '#core/stores/message-flag-store.ts';
import { startLocalWorld } from '#infra/local/local-world.ts';
import { businessNumbers } from '#infra/local/whatsapp/eum-event-builder.ts';
import type { EvalCase } from '../dataset/eval-case.ts';
import { caseFromFlag } from '../dataset/flag-to-case.ts';
import { DatasetError, loadDatasets } from '../dataset/load-dataset.ts';
import { gradeDeterministically } from '../graders/deterministic-graders.ts';
import { judgeAnswer } from '../graders/model-judge.ts';
import { retrievalMetrics } from '../graders/retrieval-metrics.ts';
import { shadowReplay } from '../shadow/shadow-replay.ts';
import { simulatorChannel, topicChannel } from './customer-channel.ts';
import {
  type CaseReport,
  type CaseRun,
  caseReport,
  compareWithBaseline,
  type EvalReport,
  markdownReport,
  reportSchemaVersion,
  summarize,
} from './eval-report.ts';
import { htmlReport } from './html-report.ts';
import { publishReport } from './published-report.ts';
import { type EvalWorld, runCase } from './run-case.ts';
import { runCost } from './run-cost.ts';

const evalsDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const defaultOut = join(evalsDirectory, 'reports', 'latest');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      model: { type: 'string', default: 'offline' },
      concurrency: { type: 'string', default: '8' },
      baseline: { type: 'string', default: join(evalsDirectory, 'baseline.json') },
      filter: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      out: { type: 'string', default: defaultOut },
      'update-baseline': { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      via: { type: 'string', default: process.env.WECARE_ENV === 'aws' ? 'sns' : 'simulator' },
      limit: { type: 'string', default: '20' },
      'since-days': { type: 'string', default: '7' },
      conversation: { type: 'string', multiple: true },
    },
  });
  if (positionals[0] === 'import-flag') return importFlag(positionals[1]);
  const shadow = positionals[0] === 'shadow';
  if (positionals.length > (shadow ? 1 : 0)) {
    console.error(
      `Unknown command ${positionals.join(' ')}: the commands are import-flag <flag id> and shadow`,
    );
    return 2;
  }
  const concurrency = Number(values.concurrency);
  const repeat = Number(values.repeat);
  if (
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 32 ||
    !Number.isInteger(repeat) ||
    repeat < 1 ||
    repeat > 20
  ) {
    console.error('--concurrency is 1 to 32 and --repeat 1 to 20');
    return 2;
  }
  if (values.model !== 'offline' && values.model !== 'nova-pro') {
    console.error('--model is offline or nova-pro');
    return 2;
  }
  const inAws = process.env.WECARE_ENV === 'aws';
  if (values.model === 'nova-pro' && !inAws) {
    console.error('--model nova-pro runs against AWS: set WECARE_ENV=aws (and credentials)');
    return 2;
  }
  if (inAws && values.model !== 'nova-pro') {
    console.error('In AWS the bot answers with the deployed model: run with --model nova-pro');
    return 2;
  }
  if (values.via !== 'simulator' && values.via !== 'sns') {
    console.error('--via is simulator (the local WhatsApp simulator) or sns (EUM events on the seed topic)');
    return 2;
  }
  if (inAws && values.via === 'simulator') {
    console.error('There is no simulator in AWS: the customers write through the seed topic (--via sns)');
    return 2;
  }
  if (shadow) {
    const limit = Number(values.limit);
    const sinceDays = Number(values['since-days']);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200 || !(sinceDays > 0 && sinceDays <= 180)) {
      console.error('--limit is 1 to 200 conversations and --since-days 1 to 180');
      return 2;
    }
    return shadowReplay({
      // The conversations come from the platform the environment names (`npm start`'s world or
      // AWS), read before the replay's own world puts its endpoints in the environment.
      source: loadConfig({ ...process.env }),
      conversationIds: values.conversation ?? [],
      limit,
      sinceMs: Date.now() - sinceDays * 86_400_000,
      concurrency,
      out: values.out === defaultOut ? join(evalsDirectory, 'reports', 'shadow') : values.out,
      openWorld: () => openEvalWorld(inAws, values.via),
      replayedWith: values.model === 'offline' ? 'the offline stand-in' : 'the deployed model',
    });
  }
  const datasets = await loadDatasets(join(evalsDirectory, 'datasets'), values.dataset);
  const chosen = datasets.flatMap((dataset) =>
    dataset.cases
      .filter(
        (testCase) =>
          !values.filter ||
          testCase.tags.includes(values.filter) ||
          testCase.category === values.filter ||
          testCase.language === values.filter,
      )
      .map((testCase) => ({ dataset: dataset.name, testCase })),
  );
  if (chosen.length === 0) {
    console.error('No case matches');
    return 2;
  }

  // Where a report is published: the platform the console runs on (`npm start`'s world, or AWS),
  // read before the evals' own world puts its endpoints in the environment.
  const publishTo = values.publish ? loadConfig({ ...process.env }) : undefined;
  const { world: evalWorld, stop } = await openEvalWorld(inAws, values.via);
  try {
    const { config } = evalWorld;
    const started = performance.now();
    const cases = await runAll(evalWorld, chosen, { concurrency, repeat });
    const report: EvalReport = {
      schemaVersion: reportSchemaVersion,
      runAt: new Date().toISOString(),
      model: values.model === 'offline' ? 'offline stand-in' : config.bedrock.modelId,
      meaningful: values.model !== 'offline',
      repeat,
      durationMs: Math.round(performance.now() - started),
      summary: summarize(cases),
      cases,
      cost: runCost(cases, config.bedrock.modelId),
    };
    const baseline = await readBaseline(values.baseline);
    if (baseline) report.comparison = compareWithBaseline(report, baseline);
    await mkdir(values.out, { recursive: true });
    await writeFile(join(values.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(values.out, 'report.md'), markdownReport(report));
    await writeFile(join(values.out, 'report.html'), htmlReport(report));
    if (publishTo)
      console.log(
        `published to s3://${publishTo.buckets.stream.name}/${await publishReport(createAwsClients(publishTo).s3, publishTo, report, htmlReport(report))}`,
      );
    if (values['update-baseline'])
      await writeFile(values.baseline, `${JSON.stringify(baselineOf(report), null, 2)}\n`);
    const comparison = report.comparison;
    console.log(
      `\n${Math.round(report.summary.overall.passRate * 100)} % of ${cases.length} cases passed in ${(report.durationMs / 1000).toFixed(1)} s; report in ${values.out}`,
    );
    for (const each of comparison?.regressions ?? [])
      console.log(`REGRESSED ${each.id}: ${each.was} → ${each.now}`);
    for (const each of comparison?.categoryDrops ?? [])
      console.log(`CATEGORY DROPPED ${each.category}: ${each.was.toFixed(2)} → ${each.now.toFixed(2)}`);
    if (!baseline)
      console.log(`No baseline at ${values.baseline}: nothing to compare (--update-baseline writes one)`);
    return comparison && (comparison.regressions.length > 0 || comparison.categoryDrops.length > 0) ? 1 : 0;
  } finally {
    await stop();
  }
}

/**
 * Where the cases run: a local world of the evals' own (its endpoints then in this process's
 * environment), or AWS as the environment names it; the customers write through the simulator
 * or the SNS topic.
 */
async function openEvalWorld(
  inAws: boolean,
  via: string | undefined,
): Promise<{ world: EvalWorld; stop: () => Promise<void> }> {
  const local = inAws ? undefined : await startOfflineWorld();
  const config = loadConfig({ ...process.env });
  const number = businessNumbers(config)[0];
  if (!number) throw new Error('No business number is configured');
  const clients = createAwsClients(config);
  const world: EvalWorld = {
    config,
    clients,
    customers:
      via === 'sns'
        ? topicChannel(config, clients, new SNSClient(baseOptions(config, 'stand-in')), number)
        : simulatorChannel(`${config.local.awsEndpoint}/sim/api`, {
            phone: number.displayDigits,
            metaId: number.metaPhoneNumberId,
          }),
    number: { phone: number.displayDigits, metaId: number.metaPhoneNumberId },
  };
  return { world, stop: async () => local?.stop() };
}

/** The local world, as `npm start` runs it but in memory on free ports, its endpoints in this process's environment. */
async function startOfflineWorld() {
  process.env.WECARE_LOG_LEVEL ??= 'SILENT';
  // A case's customer writes one message and waits: the bot need not wait two seconds for a burst.
  process.env.WECARE_AGENT_DEBOUNCE_MS ??= '300';
  return startLocalWorld({
    config: loadConfig({ ...process.env, WECARE_ENV: 'local' }),
    persistent: false,
    ephemeralPorts: true,
  });
}

async function runAll(
  world: EvalWorld,
  chosen: ReadonlyArray<{ dataset: string; testCase: EvalCase }>,
  options: { concurrency: number; repeat: number },
): Promise<CaseReport[]> {
  const jobs = chosen.flatMap((entry, index) =>
    Array.from({ length: options.repeat }, () => ({ ...entry, index })),
  );
  const runs: CaseRun[][] = chosen.map(() => []);
  let next = 0;
  let done = 0;
  // A bar redrawn in place on a terminal; in a log (CI), a line at every tenth of the way.
  let lastTenth = -1;
  const progress = () => {
    if (!process.stderr.isTTY) {
      const tenth = Math.floor((done / jobs.length) * 10);
      if (tenth !== lastTenth) process.stderr.write(`evals: ${done}/${jobs.length}\n`);
      lastTenth = tenth;
      return;
    }
    const width = 30;
    const filled = Math.round((done / jobs.length) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${jobs.length}`);
  };
  progress();
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as (typeof jobs)[number];
      const started = performance.now();
      let run: CaseRun;
      try {
        const observation = await runCase(world, job.testCase);
        const verdicts = gradeDeterministically(job.testCase, observation);
        const answer = observation.replies.map((reply) => reply.text).join('\n');
        run = {
          pass: verdicts.every((verdict) => verdict.pass),
          verdicts,
          retrieval: retrievalMetrics(job.testCase, observation.retrieved),
          // A silent answer (a person owns the conversation) has nothing to grade.
          ...(answer
            ? {
                judge: await judgeAnswer(world.clients.bedrockRuntime, world.config.bedrock.modelId, {
                  question: job.testCase.turns.at(-1) ?? '',
                  passages: observation.retrieved,
                  answer,
                }),
              }
            : {}),
          observation,
          durationMs: 0,
        };
      } catch (error) {
        run = {
          pass: false,
          verdicts: [],
          error: error instanceof Error ? error.message : String(error),
          durationMs: 0,
        };
      }
      run.durationMs = Math.round(performance.now() - started);
      runs[job.index]?.push(run);
      done += 1;
      progress();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return chosen.map((entry, index) => caseReport(entry.dataset, entry.testCase, runs[index] ?? []));
}

/**
 * `npm run evals -- import-flag <flag id>`: a reply flagged in the console (the running world's,
 * or AWS's) becomes a case in `evals/datasets/flagged.yaml`, phone numbers redacted.
 */
async function importFlag(id: string | undefined): Promise<number> {
  if (!id) {
    console.error('usage: npm run evals -- import-flag <flag id> (flag#<wamid>#<who flagged it>)');
    return 2;
  }
  const config = loadConfig({ ...process.env });
  const flags = new MessageFlagStore(
    createAwsClients(config).documents,
    config.tables.audit,
    config.auditRetentionDays,
  );
  const flag = await flags.get(id);
  if (!flag) {
    console.error(`There is no flag ${id}`);
    return 1;
  }
  const { testCase, yaml } = caseFromFlag(flag);
  const file = join(evalsDirectory, 'datasets', 'flagged.yaml');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.includes(`id: ${testCase.id}\n`)) {
    console.log(`${testCase.id} is already in ${file}`);
    return 0;
  }
  const header = existing
    ? ''
    : '# Replies flagged in the console, as regression cases (`npm run evals -- import-flag <id>`).\n\n';
  await writeFile(file, `${existing}${header}${existing ? '\n' : ''}${yaml}`);
  console.log(`${testCase.id} added to ${file}: state what the right answer holds, then run the suite`);
  return 0;
}

async function readBaseline(file: string): Promise<EvalReport | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const baseline = JSON.parse(text) as EvalReport;
  if (baseline.schemaVersion !== reportSchemaVersion)
    throw new Error(
      `${file} is a report of schema ${baseline.schemaVersion}; this runner reads ${reportSchemaVersion}`,
    );
  return baseline;
}

/** What a baseline keeps: the scores and each case's pass rate, not the answers. */
function baselineOf(report: EvalReport): EvalReport {
  return {
    ...report,
    cases: report.cases.map((each) => ({ ...each, runs: [] })),
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DatasetError ? `The datasets do not load:\n${error.message}` : error);
    process.exit(error instanceof DatasetError ? 2 : 1);
  },
);
