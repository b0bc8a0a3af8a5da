import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type ChatReply, type ChatTool, converseChat } from '#agent/model/converse-chat.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { resetModel, scriptModelReply } from '../../test/stand-in-control.ts';
import { readModelReply } from './model-reply.ts';

const config = testConfig();
// The stand-in meters Converse as Bedrock does; a retry rides out a burst from files running alongside.
const clients = testClients({ WECARE_AWS_MAX_ATTEMPTS: '4' });

/** The agent's tools as the model sees them (names and inputs); what they do is not this test's concern. */
const tools: ChatTool[] = [
  {
    name: 'request_human',
    description: 'Hand the conversation to a person.',
    input: z.object({ reason: z.enum(['customer-asked', 'out-of-kb', 'tool-error']), summary: z.string() }),
  },
  { name: 'lookup_contact', description: "The customer's record.", input: z.object({}) },
  {
    name: 'create_invoice_link',
    description: 'A payment link for a catalog service.',
    input: z.object({ description: z.string(), amountPaise: z.number().int(), currency: z.literal('INR') }),
  },
];

interface ConverseFixture {
  stopReason: string;
  output: { message: { content: Array<Record<string, unknown>> } };
}

const fixturesDirectory = new URL('./fixtures/converse/', import.meta.url);
const fixtures = readdirSync(fixturesDirectory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const body = JSON.parse(readFileSync(new URL(name, fixturesDirectory), 'utf8')) as ConverseFixture;
    return { name, body };
  });

/** The calls a fixture's toolUse blocks ask for. */
function callsOf(fixture: ConverseFixture) {
  return fixture.output.message.content.flatMap((block) => {
    const use = block.toolUse as { toolUseId: string; name: string; input: unknown } | undefined;
    return use ? [{ id: use.toolUseId, name: use.name, args: use.input }] : [];
  });
}

const office = 'Our office is open Monday to Saturday, 10 am to 7 pm [1].';
const toolCalls = (fixture: ConverseFixture) => ({ kind: 'tool-calls', calls: callsOf(fixture) });
const unsendable = (reason: string, stopReason: string) => ({ kind: 'unsendable', reason, stopReason });

/** Per fixture: what the agent may do with it. */
const contract: Record<string, { reply: (fixture: ConverseFixture) => unknown }> = {
  'text-end-turn.json': { reply: () => ({ kind: 'text', text: office }) },
  'thinking-then-answer.json': { reply: () => ({ kind: 'text', text: office }) },
  'thinking-block-then-answer-block.json': {
    reply: () => ({
      kind: 'text',
      text: 'Here is your payment link for the Business Website: https://pay.example/inv_8Kq2 [1]',
    }),
  },
  'reasoning-then-answer.json': {
    reply: () => ({ kind: 'text', text: 'A domain renewal takes effect within 24 hours of payment [2].' }),
  },
  'stop-sequence.json': {
    reply: () => ({ kind: 'text', text: 'Your appointment reminder is set for 12 March at 4 pm.' }),
  },
  'thinking-then-tool-use.json': { reply: toolCalls },
  'thinking-and-two-tool-uses.json': { reply: toolCalls },
  'tool-use-only.json': { reply: toolCalls },
  'max-tokens-mid-sentence.json': { reply: () => unsendable('max-tokens', 'max_tokens') },
  'max-tokens-inside-thinking.json': {
    reply: () => unsendable('max-tokens', 'max_tokens'),
  },
  'guardrail-intervened.json': {
    reply: () => unsendable('guardrail', 'guardrail_intervened'),
  },
  'content-filtered.json': {
    reply: () => unsendable('content-filtered', 'content_filtered'),
  },
  'thinking-only.json': { reply: () => unsendable('empty', 'end_turn') },
  'empty-text.json': { reply: () => unsendable('empty', 'end_turn') },
};

const subjects: string[] = [];
afterAll(async () => {
  for (const subject of subjects) await resetModel(subject);
});

/** The product path: the agent's chat model with tools bound, asked by a customer whose words the stand-in answers with the fixture. */
async function replyTo(fixture: ConverseFixture): Promise<ChatReply> {
  const subject = unique('model-reply');
  subjects.push(subject);
  await scriptModelReply({ response: fixture as unknown as Record<string, unknown>, subject });
  // Keeps this file's calls well under the stand-in's Converse rate, shared by every test file in the run.
  await sleep(80);
  return converseChat(config, clients).converse({
    system: 'You are the WECARE.DIGITAL assistant.',
    messages: [{ role: 'user', content: [{ text: subject }] }],
    tools,
  });
}

describe('readModelReply over Nova Converse fixtures (stand-in → SDK → ConverseChat)', () => {
  it('has a contract line for every fixture, and a fixture for every line', () => {
    expect(fixtures.map((fixture) => fixture.name).sort()).toEqual(Object.keys(contract).sort());
  });

  it.each(fixtures)('$name', async ({ name, body }) => {
    const terms = contract[name];
    if (!terms) throw new Error(`No contract line for ${name}`);
    const message = await replyTo(body);

    expect(message.stopReason).toBe(body.stopReason);
    // The assistant turn comes back block for block, to be sent back as it is in the next round.
    expect(message.message.content?.map((block) => Object.keys(block))).toEqual(
      body.output.message.content.map((block) => Object.keys(block)),
    );

    const reply = readModelReply(message, { toolsAllowed: true });
    expect(reply).toEqual(terms.reply(body));
    if (reply.kind === 'text') {
      expect(reply.text).not.toMatch(/<\/?thinking|<\/?response|\[object Object\]|REDACTED/);
      expect(reply.text).toBe(reply.text.trim());
    }
    if (reply.kind === 'tool-calls')
      expect(readModelReply(message, { toolsAllowed: false })).toEqual(
        unsendable('tool-call-at-cap', body.stopReason),
      );
  });
});

/** Shapes AWS does not document with an example: a reply of these blocks (a string is one text block). */
function converseMessage(
  content: string | ContentBlock[],
  stopReason: string | undefined,
  toolUses: Array<{ toolUseId: string; name: string; input: unknown }> = [],
): ChatReply {
  const blocks: ContentBlock[] = typeof content === 'string' ? [{ text: content }] : content;
  const uses = toolUses.map((toolUse) => ({ toolUse }) as ContentBlock);
  return {
    message: { role: 'assistant', content: [...blocks, ...uses] },
    stopReason,
    totalTokens: 0,
    usage: { modelCalls: 1, inputTokens: 0, outputTokens: 0 },
  };
}

describe('readModelReply on shapes without an AWS example', () => {
  const allowed = { toolsAllowed: true };

  it('keeps only what a <response> wrapper holds, with the thinking before it gone', () => {
    const message = converseMessage(
      '<thinking>Passage [1] answers this.</thinking>\nHere is my answer:\n<response>\nWe are open 10 am to 7 pm [1].\n</response>',
      'end_turn',
    );
    expect(readModelReply(message, allowed)).toEqual({
      kind: 'text',
      text: 'We are open 10 am to 7 pm [1].',
    });
  });

  it('drops a lone <response> tag but keeps the text', () => {
    expect(readModelReply(converseMessage('<response>We are open daily.', 'end_turn'), allowed)).toEqual({
      kind: 'text',
      text: 'We are open daily.',
    });
  });

  it('removes every thinking section between parts of the answer, and what precedes a stray closing tag', () => {
    const content = [
      { text: 'Planning the steps.</thinking>\nPart one.' },
      { text: '<thinking>second thought</thinking>\n\n\n\nPart two.   \n' },
    ];
    expect(readModelReply(converseMessage(content, 'end_turn'), allowed)).toEqual({
      kind: 'text',
      text: 'Part one.\n\nPart two.',
    });
  });

  it('reads Hindi and Bengali answers as words, and punctuation alone as empty', () => {
    expect(
      readModelReply(converseMessage('हमारा कार्यालय सुबह 10 बजे खुलता है।', 'end_turn'), allowed),
    ).toMatchObject({
      kind: 'text',
    });
    expect(readModelReply(converseMessage(' … ', 'end_turn'), allowed)).toMatchObject({ reason: 'empty' });
  });

  it('never turns blocks it does not know into text', () => {
    const content = [
      { image: { format: 'png', source: { bytes: new Uint8Array([0]) } } },
      { reasoningContent: { redactedContent: new Uint8Array([1]) } },
    ] as ContentBlock[];
    expect(readModelReply(converseMessage(content, 'end_turn'), allowed)).toEqual(
      unsendable('empty', 'end_turn'),
    );
  });

  it('refuses a tool call at the cap even with text beside it', () => {
    const message = converseMessage("I'll create the invoice now.", 'tool_use', [
      { toolUseId: 'tooluse_1', name: 'create_invoice_link', input: {} },
    ]);
    expect(readModelReply(message, { toolsAllowed: false })).toEqual(
      unsendable('tool-call-at-cap', 'tool_use'),
    );
  });

  it('treats a tool_use stop without a readable call as malformed', () => {
    expect(readModelReply(converseMessage('<thinking>calling</thinking>', 'tool_use'), allowed)).toEqual(
      unsendable('malformed', 'tool_use'),
    );
  });

  it.each([
    ['a string', 'Business Website'],
    ['a list', ['Business Website']],
    ['nothing', null],
  ])('treats a tool call whose input is %s as malformed, even beside a readable call', (_kind, input) => {
    const message = converseMessage('', 'tool_use', [
      { toolUseId: 'tooluse_1', name: 'lookup_contact', input: {} },
      { toolUseId: 'tooluse_2', name: 'create_invoice_link', input },
    ]);
    expect(readModelReply(message, allowed)).toEqual(unsendable('malformed', 'tool_use'));
  });

  it.each([
    ['malformed_model_output', 'malformed'],
    ['malformed_tool_use', 'malformed'],
    ['model_context_window_exceeded', 'context-window-exceeded'],
    ['refusal', 'unknown-stop-reason'],
  ])('does not send a reply that stopped with %s', (stopReason, reason) => {
    expect(readModelReply(converseMessage('Some text.', stopReason), allowed)).toEqual(
      unsendable(reason, stopReason),
    );
  });

  it('judges a message with no stop reason by its content', () => {
    expect(readModelReply(converseMessage('Hello!', undefined), allowed)).toEqual({
      kind: 'text',
      text: 'Hello!',
    });
  });
});
