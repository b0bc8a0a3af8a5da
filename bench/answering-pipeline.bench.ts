/**
 * What the platform itself costs per answered text message, through the Lambda handlers as AWS runs
 * them: the inbound function with a customer's SNS event, then the bot function with the SQS job it
 * enqueued. Model and Knowledge Base time (Converse, Retrieve) is measured with SDK middleware and
 * taken out; what is left is the platform's overhead. DynamoDB and S3 calls are counted the same
 * way. Targets: ≤ 6 DynamoDB + S3 calls per answered message; overhead p99 ≤ 50 ms.
 * 1,000 messages: 100 customers writing 10 times each, one message at a time.
 */
import { spawn } from 'node:child_process';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { MiddlewareStack } from '@smithy/types';
import type { SQSEvent } from 'aws-lambda';
import { reloadProcessConfig } from '#core/config/load-config.ts';
import { lambdaContext } from '#core/lambda/lambda-context.ts';
import { queueUrl } from '#core/queues/queue-url.ts';
import { freePort } from '#infra/local/free-port.ts';
import { sqsRecord } from '#infra/local/lambda/sqs-event-source.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { platform } from '../functions/composition-root.ts';
import { handler as generateResponse } from '../functions/wecare-ai-generate-response.ts';
import { handler as inbound } from '../functions/wecare-inbound-whatsapp.ts';
import { newWamid, unixSeconds } from '../test/inbound-helpers.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 100);
const messagesEach = 10;
const questions = [
  'What are your office hours?',
  'How much is the Website Starter?',
  'Do you file GST returns?',
  'How do refunds work?',
  'Which payment methods do you accept?',
];

// The AWS world runs in its own process (DynamoDB, SQS and the stand-ins are not on a Lambda's
// machine either): what this process spends is the functions' own work and their waits.
const endpoints = {
  WECARE_LOCAL_DYNAMODB_URL: `http://127.0.0.1:${await freePort()}`,
  WECARE_LOCAL_S3_URL: `http://127.0.0.1:${await freePort()}`,
  WECARE_LOCAL_SQS_URL: `http://127.0.0.1:${await freePort()}`,
  WECARE_LOCAL_AWS_URL: `http://127.0.0.1:${await freePort()}`,
};
const world = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', '--stores-only'], {
  env: { ...process.env, ...endpoints, WECARE_ENV: 'local', WECARE_LOG_LEVEL: 'SILENT' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  let output = '';
  world.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Press Ctrl-C')) resolve();
  });
  world.once('exit', (code) => reject(new Error(`the local world exited (${code}): ${output}`)));
});
// No debounce: the job is due at once, so one message is one answer (the debounce is measured elsewhere).
Object.assign(process.env, endpoints, {
  WECARE_ENV: 'local',
  WECARE_AGENT_DEBOUNCE_MS: '0',
  // CloudWatch EMF lines on stdout would only clutter the figures.
  POWERTOOLS_METRICS_DISABLED: 'true',
});
reloadProcessConfig();
const { config, clients } = platform();
const [number] = businessNumbers(config) as [BusinessNumber];

/** Calls of each store command, and time spent in the model and the Knowledge Base, as the SDK sees them. */
const storeCalls = new Map<string, number>();
let modelAndRetrievalMs = 0;
/**
 * Wall time with at least one AWS call in flight (calls side by side counted once): what is left of
 * a function's time is its own work, the part no choice of store or network changes.
 */
let awsWaitMs = 0;
let inFlight = 0;
let waitingSince = 0;

function countCalls<Input extends object, Output extends object>(
  name: string,
  stack: MiddlewareStack<Input, Output>,
): void {
  stack.add(
    (next, context) => async (args) => {
      const key = `${name} ${context.commandName ?? '?'}`;
      storeCalls.set(key, (storeCalls.get(key) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCalls' },
  );
}

function timeCalls<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
  options: { model?: boolean } = {},
): void {
  stack.add(
    (next) => async (args) => {
      const began = performance.now();
      if (inFlight++ === 0) waitingSince = began;
      try {
        return await next(args);
      } finally {
        const ended = performance.now();
        if (--inFlight === 0) awsWaitMs += ended - waitingSince;
        if (options.model) modelAndRetrievalMs += ended - began;
      }
    },
    { step: 'initialize', name: 'benchTimeCalls' },
  );
}

countCalls('DynamoDB', clients.dynamoDb.middlewareStack);
countCalls('S3', clients.s3.middlewareStack);
timeCalls(clients.bedrockRuntime.middlewareStack, { model: true });
timeCalls(clients.bedrockAgentRuntime.middlewareStack, { model: true });
timeCalls(clients.dynamoDb.middlewareStack);
timeCalls(clients.s3.middlewareStack);
timeCalls(clients.sqs.middlewareStack);
timeCalls(clients.socialMessaging.middlewareStack);
timeCalls(clients.withoutRetries.socialMessaging.middlewareStack);

const agentQueue = await queueUrl(clients.sqs, config.queues.agent);
const arn = (
  await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: agentQueue, AttributeNames: ['QueueArn'] }),
  )
).Attributes?.QueueArn as string;

/** The next job the inbound function enqueued, as the event source mapping would hand it to the bot. */
async function nextJob(): Promise<{ event: SQSEvent; receipt: string }> {
  for (;;) {
    const received = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: agentQueue,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const message = received.Messages?.[0];
    if (message)
      return {
        event: { Records: [sqsRecord(message, { arn, region: config.aws.region })] },
        receipt: message.ReceiptHandle ?? '',
      };
  }
}

const overheads: number[] = [];
const inboundTimes: number[] = [];
const botTimes: number[] = [];
const ownTimes: number[] = [];
let answered = 0;
const totalBefore = () => [...storeCalls.values()].reduce((sum, count) => sum + count, 0);
const started = performance.now();
/** Store calls of a customer's first message (a new contact), and of the messages after it. */
let firstMessagesCalls = 0;
for (let round = 0; round < messagesEach; round += 1) {
  if (round === 1) firstMessagesCalls = totalBefore();
  for (let customer = 0; customer < customers; customer += 1) {
    const waId = `9197${String(customer).padStart(8, '0')}`;
    const event = inboundLambdaEvent(config, number, {
      contacts: [{ profile: { name: `Customer ${customer}` }, wa_id: waId }],
      messages: [
        {
          from: waId,
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: questions[(customer + round) % questions.length] },
        },
      ],
    });
    const modelBefore = modelAndRetrievalMs;
    let waited = awsWaitMs;
    const began = performance.now();
    await inbound(event, lambdaContext('wecare-inbound-whatsapp', 30_000));
    const inboundDone = performance.now();
    const inboundWait = awsWaitMs - waited;
    const job = await nextJob();
    waited = awsWaitMs;
    const botBegan = performance.now();
    const response = await generateResponse(job.event, lambdaContext('wecare-ai-generate-response', 60_000));
    const botDone = performance.now();
    const botWait = awsWaitMs - waited;
    await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: agentQueue, ReceiptHandle: job.receipt }));
    if (response.batchItemFailures.length === 0) answered += 1;
    const botOwn = botDone - botBegan - (modelAndRetrievalMs - modelBefore);
    inboundTimes.push(inboundDone - began);
    botTimes.push(botOwn);
    overheads.push(inboundDone - began + botOwn);
    ownTimes.push(inboundDone - began - inboundWait + (botDone - botBegan - botWait));
  }
}
const seconds = (performance.now() - started) / 1000;
for (const list of [overheads, inboundTimes, botTimes, ownTimes]) list.sort((left, right) => left - right);
const percentileOf = (list: readonly number[], fraction: number) =>
  list[Math.min(list.length - 1, Math.floor(list.length * fraction))] ?? 0;
const percentile = (fraction: number) => percentileOf(overheads, fraction);
const messages = customers * messagesEach;
console.log(
  `answered text messages through the handlers: ${answered} of ${messages} in ${seconds.toFixed(1)} s`,
);
console.log(
  `platform overhead per message (inbound + bot, without model and retrieval): p50 ${percentile(0.5).toFixed(1)} ms, p99 ${percentile(0.99).toFixed(1)} ms (target p99 ≤ 50 ms)`,
);
console.log(
  `  of which the inbound function p50 ${percentileOf(inboundTimes, 0.5).toFixed(1)} ms, p99 ${percentileOf(inboundTimes, 0.99).toFixed(1)} ms; the bot function p50 ${percentileOf(botTimes, 0.5).toFixed(1)} ms, p99 ${percentileOf(botTimes, 0.99).toFixed(1)} ms`,
);
console.log(
  `  the functions' own work (no AWS call in flight) p50 ${percentileOf(ownTimes, 0.5).toFixed(1)} ms, p99 ${percentileOf(ownTimes, 0.99).toFixed(1)} ms; the rest is waiting on the local DynamoDB, SQS and EUM stand-ins`,
);
console.log(
  `DynamoDB + S3 calls per answered message: ${(totalBefore() / messages).toFixed(2)} (target ≤ 6): a returning customer's ${((totalBefore() - firstMessagesCalls) / (messages - customers)).toFixed(2)}, a new customer's first ${(firstMessagesCalls / customers).toFixed(2)} (finding and creating the contact)`,
);
for (const [command, count] of [...storeCalls].sort((left, right) => right[1] - left[1]))
  console.log(`  ${command.padEnd(32)} ${(count / messages).toFixed(2)}`);
world.kill('SIGINT');
