import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { passagesBlock } from '#kb/passages-prompt.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { resetModel, slowModel } from '../../test/stand-in-control.ts';
import { type ChatTool, converseChat } from './converse-chat.ts';

const config = testConfig();
const clients = testClients({ WECARE_AWS_MAX_ATTEMPTS: '4' });

const requestHuman: ChatTool = {
  name: 'request_human',
  description: 'Hand the conversation to a human agent.',
  input: z.object({
    reason: z.enum(['customer-asked', 'out-of-kb', 'policy', 'tool-error']),
    summary: z.string(),
  }),
};

const user = (text: string) => ({ role: 'user' as const, content: [{ text }] });

describe('the chat model (Bedrock Converse)', () => {
  it('reaches the model through the platform client and answers from the passages it was given', async () => {
    const question = 'What are your office hours?';
    const passages = await new PassageRetriever(clients.bedrockAgentRuntime, config).retrieve(question, {
      limit: 3,
    });
    expect(passages.length).toBeGreaterThan(0);
    const reply = await converseChat(config, clients).converse({
      system: `You are the WECARE.DIGITAL assistant.\n${passagesBlock(passages)}`,
      messages: [user(question)],
      tools: [],
    });
    expect(reply.stopReason).toBe('end_turn');
    expect(reply.message.role).toBe('assistant');
    // The Knowledge Base's own fact, not a phrase of the model's.
    expect(JSON.stringify(reply.message.content)).toContain('Monday to Saturday');
    expect(reply.totalTokens).toBeGreaterThan(0);
  });

  it('gives the model each tool with its input as JSON Schema, and returns the toolUse it asks for', async () => {
    const reply = await converseChat(config, clients).converse({
      system: 'You are the WECARE.DIGITAL assistant.',
      messages: [user('I want to speak to a real person please')],
      tools: [requestHuman],
    });
    expect(reply.stopReason).toBe('tool_use');
    const uses = (reply.message.content ?? []).flatMap((block) => (block.toolUse ? [block.toolUse] : []));
    expect(uses).toEqual([
      expect.objectContaining({
        name: 'request_human',
        toolUseId: expect.any(String),
        input: expect.objectContaining({ reason: 'customer-asked' }),
      }),
    ]);
  });

  it('abandons a Bedrock call that outlives its request timeout, so the reply budget holds during a call', async () => {
    const token = `timeout-${randomUUID().slice(0, 8)}`;
    await slowModel(10_000, token);
    try {
      const impatient = testConfig({ WECARE_AGENT_MODEL_REQUEST_TIMEOUT_MS: '300' });
      const started = performance.now();
      await expect(
        converseChat(impatient, createAwsClients(impatient)).converse({
          system: 'x',
          messages: [user(`Hello ${token}`)],
          tools: [],
        }),
      ).rejects.toThrow();
      // Well before the model would have answered (10 s).
      expect(performance.now() - started).toBeLessThan(9000);
    } finally {
      await resetModel(token);
    }
  });
});
