import { randomUUID } from 'node:crypto';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAwsClients } from '#core/aws/aws-clients.ts';
import { passagesBlock } from '#kb/passages-prompt.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';
import { resetModel, slowModel } from '../../test/stand-in-control.ts';
import { chatModel } from './chat-model.ts';

const config = testConfig();
const clients = testClients();

const requestHuman = tool(async () => JSON.stringify({ ok: true }), {
  name: 'request_human',
  description: 'Hand the conversation to a human agent.',
  schema: z.object({
    reason: z.enum(['customer-asked', 'out-of-kb', 'policy', 'tool-error']),
    summary: z.string(),
  }),
});

describe('chat model (LangChain ChatBedrockConverse → Bedrock Converse)', () => {
  it('reaches the model through the factory client and gets a grounded answer', async () => {
    const question = 'What are your office hours?';
    const passages = await new PassageRetriever(clients.bedrockAgentRuntime, config).retrieve(question, {
      limit: 3,
    });
    const answer = await chatModel(config, clients).invoke([
      new SystemMessage(`You are the WECARE.DIGITAL assistant.\n${passagesBlock(passages)}`),
      new HumanMessage(question),
    ]);
    expect(String(answer.content)).toContain('Monday to Saturday');
    expect(answer.usage_metadata?.total_tokens).toBeGreaterThan(0);
  });

  it('returns typed tool calls for bound zod tools', async () => {
    const answer = await chatModel(config, clients)
      .bindTools([requestHuman])
      .invoke([new HumanMessage('I want to speak to a real person please')]);
    expect(answer.tool_calls).toEqual([
      expect.objectContaining({
        name: 'request_human',
        args: expect.objectContaining({ reason: 'customer-asked' }),
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
        chatModel(impatient, createAwsClients(impatient)).invoke([new HumanMessage(`Hello ${token}`)]),
      ).rejects.toThrow();
      // Well before the model would have answered (10 s).
      expect(performance.now() - started).toBeLessThan(9000);
    } finally {
      await resetModel(token);
    }
  });
});
