import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConverseCommand,
  type ConverseCommandOutput,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../../../test/local-clients.ts';
import { resetModel, scriptModelReply, slowModel } from '../../../../../test/stand-in-control.ts';

const config = testConfig();
const endpoint = config.local.awsEndpoint;
// The stand-in meters Converse as Bedrock does; a retry rides out a burst from files running alongside.
const clients = testClients({ WECARE_AWS_MAX_ATTEMPTS: '4' });
const tools = ['request_human', 'lookup_contact', 'create_invoice_link'].map((name) => ({
  toolSpec: { name, description: name, inputSchema: { json: { type: 'object', properties: {} } } },
}));

/** The contract: Converse response bodies written from AWS's documented examples, one per shape. */
const fixturesDirectory = new URL('../../../../../agent/answer/fixtures/converse/', import.meta.url);
const fixtures = readdirSync(fixturesDirectory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const { _source: _note, ...body } = JSON.parse(readFileSync(new URL(name, fixturesDirectory), 'utf8'));
    return { name, body: body as Record<string, unknown> };
  });
const textFixture = fixtures.find((fixture) => fixture.name === 'text-end-turn.json');

const subjects: string[] = [];
function newSubject(): string {
  const subject = unique('scripted-reply');
  subjects.push(subject);
  return subject;
}
afterAll(async () => {
  for (const subject of subjects) await resetModel(subject);
});

/** Keeps this file's calls well under the stand-in's Converse rate, shared by every test file in the run. */
async function converse(text: string, modelId = config.bedrock.modelId): Promise<ConverseCommandOutput> {
  await sleep(80);
  return clients.bedrockRuntime.send(
    new ConverseCommand({
      modelId,
      messages: [{ role: 'user', content: [{ text }] }],
      toolConfig: { tools },
    }),
  );
}

function withoutMetadata(output: ConverseCommandOutput): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

async function heldLatency(): Promise<{ latency: Array<{ subject: string | null; latencyMs: number }> }> {
  return (await fetch(`${endpoint}/__stand-in/bedrock/latency`)).json() as Promise<{
    latency: Array<{ subject: string | null; latencyMs: number }>;
  }>;
}

async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

describe('Bedrock stand-in: scripted Converse replies (real SDK client over HTTP/2)', () => {
  it('has fixtures to hold it to', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
    expect(textFixture).toBeDefined();
  });

  it('returns every fixture as the ConverseCommand output, unchanged', async () => {
    for (const fixture of fixtures) {
      const subject = newSubject();
      await scriptModelReply({ response: fixture.body, subject });
      const output = await converse(`Question ${subject}`);
      expect(withoutMetadata(output), fixture.name).toEqual(fixture.body);
    }
  });

  it('sends the scripted body byte for byte on the wire', async () => {
    const subject = newSubject();
    const fixture = fixtures.find((candidate) => candidate.name === 'thinking-and-two-tool-uses.json');
    await scriptModelReply({ response: fixture?.body, subject });
    const response = await fetch(`${endpoint}/model/${config.bedrock.modelId}/converse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: subject }] }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(JSON.stringify(fixture?.body));
  });

  it('answers only calls whose latest user words contain the subject, as many times as counted', async () => {
    const subject = newSubject();
    await scriptModelReply({ response: textFixture?.body, subject, count: 2 });
    const other = await converse(`What are your office hours? ${unique('someone-else')}`);
    expect(withoutMetadata(other)).not.toEqual(textFixture?.body);
    expect(withoutMetadata(await converse(`Hello, ${subject}?`))).toEqual(textFixture?.body);
    expect(withoutMetadata(await converse(subject))).toEqual(textFixture?.body);
    const third = await converse(subject);
    expect(withoutMetadata(third)).not.toEqual(textFixture?.body);
    expect(third.usage?.totalTokens).toBeGreaterThan(0);
  });

  it('does not spend a script on a call Bedrock refuses', async () => {
    const subject = newSubject();
    await scriptModelReply({ response: textFixture?.body, subject });
    await expect(converse(subject, 'amazon.titan-nope-v9:0')).rejects.toBeInstanceOf(ValidationException);
    expect(withoutMetadata(await converse(subject))).toEqual(textFixture?.body);
  });

  it("thinks aloud before the offline model's own answer when asked, as Nova does with tools", async () => {
    const subject = newSubject();
    await scriptModelReply({ thinkingAloud: 'The customer wants a person.', subject });
    const output = await converse(`Please let me talk to a human. ${subject}`);
    expect(output.stopReason).toBe('tool_use');
    expect(output.output?.message?.content).toEqual([
      { text: '<thinking>The customer wants a person.</thinking>' },
      { toolUse: expect.objectContaining({ name: 'request_human' }) },
    ]);
  });

  it('accepts the next round after a multi-block reply, reasoning included, as Bedrock does', async () => {
    await sleep(80);
    const output = await clients.bedrockRuntime.send(
      new ConverseCommand({
        modelId: config.bedrock.modelId,
        toolConfig: { tools },
        messages: [
          { role: 'user', content: [{ text: `Please let me talk to a human. ${unique('replay')}` }] },
          {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: '[REDACTED]' } } },
              { text: '<thinking>The customer wants a person.</thinking>' },
              {
                toolUse: {
                  toolUseId: 'tooluse_1',
                  name: 'request_human',
                  input: { reason: 'customer-asked' },
                },
              },
            ],
          },
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ json: { ok: true } }] } }],
          },
        ],
      }),
    );
    expect(output.stopReason).toBe('end_turn');
  });

  it('answers a scripted reply no sooner than its latency', async () => {
    const subject = newSubject();
    await scriptModelReply({ response: textFixture?.body, subject, latencyMs: 400 });
    expect(await elapsedMs(() => converse(subject))).toBeGreaterThanOrEqual(400);
  });

  it('slows every call about a subject, scripted or not, until it is reset, and lists what it holds', async () => {
    const subject = newSubject();
    await slowModel(600, subject);
    expect(await elapsedMs(() => converse(`Office hours? ${subject}`))).toBeGreaterThanOrEqual(600);
    await scriptModelReply({ response: textFixture?.body, subject });
    expect(await elapsedMs(() => converse(subject))).toBeGreaterThanOrEqual(600);
    const held = await heldLatency();
    expect(held.latency).toContainEqual({ subject, latencyMs: 600 });
    await resetModel(subject);
    const after = await heldLatency();
    expect(after.latency).not.toContainEqual(expect.objectContaining({ subject }));
  });

  it.each([
    ['not JSON', '{'],
    ['neither a response nor thinkingAloud', JSON.stringify({ subject: 'x' })],
    ['both', JSON.stringify({ response: textFixture?.body, thinkingAloud: 'hm' })],
    ['an unknown stop reason', JSON.stringify({ response: { ...textFixture?.body, stopReason: 'done' } })],
    [
      'a block with two members',
      JSON.stringify({
        response: {
          ...textFixture?.body,
          output: { message: { role: 'assistant', content: [{ text: 'a', toolUse: {} }] } },
        },
      }),
    ],
    ['count 0', JSON.stringify({ response: textFixture?.body, count: 0 })],
    ['a latency over a minute', JSON.stringify({ response: textFixture?.body, latencyMs: 120_000 })],
    ['an unknown field', JSON.stringify({ response: textFixture?.body, subjects: ['x'] })],
  ])('refuses a scripted reply with %s (400)', async (_case, body) => {
    const response = await fetch(`${endpoint}/__stand-in/bedrock/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).not.toBe('');
  });

  it('refuses a latency that is not a number of milliseconds (400)', async () => {
    const response = await fetch(`${endpoint}/__stand-in/bedrock/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 'slow' }),
    });
    expect(response.status).toBe(400);
  });
});
