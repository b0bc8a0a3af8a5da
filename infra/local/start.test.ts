import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '#core/aws/aws-clients.ts';
import { startWorldProcess as start, waitForOutput, worldOnFreePorts } from '../../test/world-process.ts';

describe('npm start', () => {
  let dataDirectory = '';
  let environment: Record<string, string> = {};

  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'wecare-start-'));
    environment = { ...(await worldOnFreePorts(dataDirectory)), WECARE_LOCAL_DYNAMODB_ENGINE: 'dynalite' };
  });
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it('serves the local world, keeps its data across a restart, and stops cleanly on Ctrl-C', async () => {
    const dynamoDb = new DynamoDBClient({
      endpoint: environment.WECARE_LOCAL_DYNAMODB_URL,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    const documents = DynamoDBDocumentClient.from(dynamoDb);
    const contact = { id: 'contact-start-test', phone: '919876543210', name: 'সুমিতা দাস' };

    const first = start(environment);
    await waitForOutput(first, /Press Ctrl-C to stop/);
    expect(first.output()).toContain(environment.WECARE_LOCAL_AWS_URL);
    const health = await fetch(`${environment.WECARE_LOCAL_AWS_URL}/__stand-in/health`);
    expect(health.status).toBe(200);
    // The console is served and printed, its sign-in going to the local Hosted UI.
    const consolePort = new URL(String(environment.WECARE_LOCAL_CONSOLE_URL)).port;
    expect(first.output()).toContain(`http://localhost:${consolePort}`);
    const login = await fetch(`http://localhost:${consolePort}/auth/login`, { redirect: 'manual' });
    expect(login.headers.get('location')).toContain(
      `${environment.WECARE_LOCAL_AWS_URL}/cognito/oauth2/authorize`,
    );
    await documents.send(new PutCommand({ TableName: 'base-wecare-digital-ContactsTable', Item: contact }));
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Stopped.');
    await expect(fetch(`${environment.WECARE_LOCAL_AWS_URL}/__stand-in/health`)).rejects.toThrow();

    const second = start(environment);
    await waitForOutput(second, /Press Ctrl-C to stop/);
    const found = await documents.send(
      new GetCommand({ TableName: 'base-wecare-digital-ContactsTable', Key: { id: contact.id } }),
    );
    expect(found.Item).toEqual(contact);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    dynamoDb.destroy();
  }, 90_000); // two starts of the whole platform, each loading every function

  it('refuses a wrong WECARE_ENV with one line naming it', async () => {
    const run = start({ ...environment, WECARE_ENV: 'staging' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'Invalid configuration: WECARE_ENV must be "local" or "aws" (got "staging")',
    );
  });

  it('refuses a malformed value with one line naming its variable', async () => {
    const run = start({ ...environment, WECARE_LOCAL_S3_URL: 'localhost:4568' });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'Invalid configuration: WECARE_LOCAL_S3_URL must be an http(s) URL (got "localhost:4568")',
    );
  });
});
