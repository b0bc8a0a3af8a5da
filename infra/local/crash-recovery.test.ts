import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '#core/aws/aws-clients.ts';
import {
  startWorldProcess as start,
  type WorldProcess as World,
  waitForOutput,
} from '../../test/world-process.ts';
import { startDynalite } from './dynamodb/start-dynalite.ts';
import { freePort, portOf } from './free-port.ts';
import { waitUntil } from './wait-until.ts';

const conversationsTable = 'base-wecare-digital-ConversationsTable';
const inboundTable = 'base-wecare-digital-WhatsAppInboundTable';
const outboundTable = 'base-wecare-digital-WhatsAppOutboundTable';
const businessPhone = '+91 93309 94400';
const businessPhoneNumberId = '831049713436137';
const customers = [
  '919800000101',
  '919800000102',
  '919800000103',
  '919800000104',
  '919800000105',
  '919800000106',
];

/** The children of a process (the world's s3rver): a SIGKILLed parent leaves them orphaned, holding their ports. */
async function childrenOf(pid: number | undefined): Promise<number[]> {
  if (pid === undefined) return [];
  try {
    const { stdout } = await promisify(execFile)('pgrep', ['-P', String(pid)]);
    return stdout.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function documentsAt(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials }),
  );
}

const conversationIdOf = (customer: string) => `${businessPhoneNumberId}#${customer}`;

async function conversationOf(documents: DynamoDBDocumentClient, customer: string) {
  const found = await documents.send(
    new GetCommand({
      TableName: conversationsTable,
      Key: { id: conversationIdOf(customer) },
      ConsistentRead: true,
    }),
  );
  return found.Item;
}

async function repliesTo(documents: DynamoDBDocumentClient, customer: string) {
  const found = await documents.send(
    new QueryCommand({
      TableName: outboundTable,
      IndexName: 'by-conversation',
      KeyConditionExpression: 'conversationId = :id',
      ExpressionAttributeValues: { ':id': conversationIdOf(customer) },
    }),
  );
  return found.Items ?? [];
}

/** Whether `customer`'s message `wamid` is stored and pending on its conversation. */
async function isStoredAndPending(
  documents: DynamoDBDocumentClient,
  customer: string,
  wamid: string,
): Promise<boolean> {
  const stored = await documents.send(new GetCommand({ TableName: inboundTable, Key: { id: wamid } }));
  if (!stored.Item) return false;
  const pending = (await conversationOf(documents, customer))?.pendingReplies as Set<string> | undefined;
  return [...(pending ?? [])].some((entry) => entry.endsWith(`|${wamid}`));
}

describe('kill -9 during the debounce', () => {
  let dataDirectory = '';
  const worlds: World[] = [];
  const orphans: number[] = [];

  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'wecare-crash-'));
  });
  afterAll(async () => {
    for (const world of worlds) {
      orphans.push(...(await childrenOf(world.child.pid)));
      world.child.kill('SIGKILL');
    }
    for (const pid of orphans) kill(pid);
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it('answers, after a restart, every message that was stored but whose job died with the process', async () => {
    const url = async () => `http://127.0.0.1:${await freePort()}`;
    const dynamoDbUrl = await url();
    const base = {
      WECARE_ENV: 'local',
      WECARE_LOCAL_DATA_DIR: dataDirectory,
      WECARE_LOCAL_DYNAMODB_URL: dynamoDbUrl,
      WECARE_LOCAL_DYNAMODB_ENGINE: 'dynalite',
      WECARE_AGENT_DEBOUNCE_MS: '3000',
      WECARE_AGENT_RECONCILE_AFTER_MS: '1000',
      WECARE_LOG_LEVEL: 'SILENT',
    };

    // 1. The first world; six customers write, each message is stored and pending, its job delayed.
    const firstAws = await url();
    const first = start({
      ...base,
      WECARE_LOCAL_S3_URL: await url(),
      WECARE_LOCAL_SQS_URL: await url(),
      WECARE_LOCAL_AWS_URL: firstAws,
      WECARE_LOCAL_CONSOLE_URL: await url(),
    });
    worlds.push(first);
    await waitForOutput(first, /Press Ctrl-C to stop/);
    const firstDocuments = documentsAt(dynamoDbUrl);
    const wamids = await Promise.all(
      customers.map(async (from) => {
        const response = await fetch(`${firstAws}/sim/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ businessPhone, from, name: 'Priya', text: 'What are your office hours?' }),
        });
        expect(response.status).toBe(202);
        return ((await response.json()) as { wamid: string }).wamid;
      }),
    );
    await waitUntil(
      'six stored, pending messages',
      async () =>
        (
          await Promise.all(
            customers.map((customer, i) => isStoredAndPending(firstDocuments, customer, wamids[i] ?? '')),
          )
        ).every(Boolean),
      20_000,
      25,
    );

    // 2. kill -9 while their jobs wait out the debounce: the queue (in memory) loses them.
    orphans.push(...(await childrenOf(first.child.pid)));
    first.child.kill('SIGKILL');
    await first.exited;
    firstDocuments.destroy();
    for (const pid of orphans) kill(pid);

    // 3. What the crash left on disk: nothing answered, every message visibly waiting.
    const store = await startDynalite({
      port: portOf(dynamoDbUrl),
      path: join(dataDirectory, 'dynamodb', 'dynalite'),
    });
    const inspect = documentsAt(dynamoDbUrl);
    try {
      const waiting = await inspect.send(
        new QueryCommand({
          TableName: conversationsTable,
          IndexName: 'awaiting-reply',
          KeyConditionExpression: 'awaitingPhone = :phone',
          ExpressionAttributeValues: { ':phone': businessPhoneNumberId },
        }),
      );
      expect((waiting.Items ?? []).map((item) => item.id).sort()).toEqual(
        customers.map(conversationIdOf).sort(),
      );
      for (const [i, customer] of customers.entries()) {
        expect(await repliesTo(inspect, customer)).toEqual([]);
        const conversation = await conversationOf(inspect, customer);
        const pending = [...((conversation?.pendingReplies as Set<string> | undefined) ?? [])];
        expect(pending).toHaveLength(1);
        expect(pending[0]?.endsWith(`|${wamids[i]}`)).toBe(true);
        expect(conversation?.pendingSinceMs).toEqual(expect.any(Number));
      }
    } finally {
      inspect.destroy();
      await store.stop();
    }

    // 4. Restart on the same data: the sweep at start finds them waiting and dispatches them again.
    const second = start({
      ...base,
      WECARE_LOCAL_S3_URL: await url(),
      WECARE_LOCAL_SQS_URL: await url(),
      WECARE_LOCAL_AWS_URL: await url(),
      WECARE_LOCAL_CONSOLE_URL: await url(),
    });
    worlds.push(second);
    await waitForOutput(second, /Press Ctrl-C to stop/);
    const documents = documentsAt(dynamoDbUrl);
    const answered = async (customer: string) =>
      (await repliesTo(documents, customer)).length > 0 &&
      (await conversationOf(documents, customer))?.pendingReplies === undefined;
    await waitUntil(
      'a reply to each of the six customers',
      async () => (await Promise.all(customers.map(answered))).every(Boolean),
      40_000,
      200,
    );

    // 5. Exactly one reply each, by the bot, answering the customer's message; nothing left pending.
    for (const [i, customer] of customers.entries()) {
      const replies = await repliesTo(documents, customer);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.sentBy?.kind).toBe('bot');
      expect(replies[0]?.answers).toContain(wamids[i]);
      expect((await conversationOf(documents, customer))?.pendingReplies).toBeUndefined();
    }
    documents.destroy();

    // How the world stops is npm start's own test; here it only has to go away.
    second.child.kill('SIGINT');
    await second.exited;
  }, 120_000);
});
