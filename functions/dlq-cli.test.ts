import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deadLetterQueueFor } from '#channels/dead-letters/replay-dead-letters.ts';
import {
  type BusinessNumber,
  businessNumbers,
  inboundLambdaEvent,
} from '#infra/local/whatsapp/eum-event-builder.ts';
import { newCustomerWaId, newWamid, unixSeconds } from '../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../test/local-clients.ts';

const run = promisify(execFile);
const queueName = unique('cli-dlq');
const config = testConfig({ WECARE_QUEUE_WHATSAPP_INBOUND_DLQ: queueName });
const clients = testClients();

async function dlq(...args: string[]) {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'functions/dlq-cli.ts', ...args], {
      env: { ...process.env, WECARE_QUEUE_WHATSAPP_INBOUND_DLQ: queueName },
    });
    return { exitCode: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, stdout: failed.stdout + failed.stderr };
  }
}

describe('npm run dlq', () => {
  beforeAll(async () => {
    await clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  });

  it('lists letters without consuming them, then replays them into the tables', async () => {
    const [wecare] = businessNumbers(config) as [BusinessNumber];
    const event = inboundLambdaEvent(config, wecare, {
      messages: [
        {
          from: newCustomerWaId(),
          id: newWamid(),
          timestamp: unixSeconds(new Date()),
          type: 'text',
          text: { body: 'from the DLQ' },
        },
      ],
    });
    await deadLetterQueueFor(config, clients, 'whatsapp-inbound').send({
      kind: 'whatsapp-inbound',
      error: { code: 'upstream', message: 'timeout' },
      disposition: 'retry',
      payload: event,
    });

    const listed = await dlq('list', '--queue', 'whatsapp-inbound', '--json');
    expect(listed.exitCode).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ kind: 'whatsapp-inbound', error: { code: 'upstream', message: 'timeout' } }),
    ]);
    expect(JSON.parse((await dlq('list', '--queue', 'whatsapp-inbound', '--json')).stdout)).toHaveLength(1);

    const replayed = await dlq('replay', '--queue', 'whatsapp-inbound');
    expect(replayed).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('1 replayed, 0 still in the queue'),
    });
    expect((await dlq('list', '--queue', 'whatsapp-inbound')).stdout).toContain('no dead letters');
  }, 90_000); // four CLI processes, each loading the functions it drives

  it('explains its usage for an unknown queue', async () => {
    const result = await dlq('list', '--queue', 'nowhere');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain(
      'usage: npm run dlq -- list|replay --queue whatsapp-inbound|outbound|inbound|bulk',
    );
  });
});
