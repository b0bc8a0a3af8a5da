import { ConverseCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { passagesBlock } from '#kb/passages-prompt.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import { testClients, testConfig } from '../../../../../test/local-clients.ts';

const config = testConfig();
const clients = testClients();
const tools = ['request_human', 'create_invoice_link'].map((name) => ({
  toolSpec: { name, description: name, inputSchema: { json: { type: 'object', properties: {} } } },
}));

describe('Bedrock Runtime Converse stand-in (offline model, real SDK client over HTTP/2)', () => {
  it('answers a question grounded in passages retrieved from the local Knowledge Base', async () => {
    const passages = await new PassageRetriever(clients.bedrockAgentRuntime, config).retrieve(
      'How much does a website cost?',
      { limit: 3 },
    );
    const answer = await clients.bedrockRuntime.send(
      new ConverseCommand({
        modelId: config.bedrock.modelId,
        system: [{ text: `You are the WECARE.DIGITAL assistant.\n${passagesBlock(passages)}` }],
        messages: [{ role: 'user', content: [{ text: 'How much does a website cost?' }] }],
        inferenceConfig: { maxTokens: 512, temperature: 0 },
        toolConfig: { tools },
      }),
    );
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.output?.message?.content?.[0]?.text).toContain('₹14,999');
    expect(answer.usage?.totalTokens).toBeGreaterThan(0);
  });

  it('asks for the handoff tool with a toolUse block', async () => {
    const answer = await clients.bedrockRuntime.send(
      new ConverseCommand({
        modelId: `us.${config.bedrock.modelId}`,
        messages: [{ role: 'user', content: [{ text: 'Please let me talk to a human' }] }],
        toolConfig: { tools },
      }),
    );
    expect(answer.stopReason).toBe('tool_use');
    expect(answer.output?.message?.content?.[0]?.toolUse).toMatchObject({
      name: 'request_human',
      toolUseId: expect.stringMatching(/^tooluse_/),
      input: { reason: 'customer-asked' },
    });
  });

  it('refuses a conversation that does not end with the user, as Bedrock does', async () => {
    await expect(
      clients.bedrockRuntime.send(
        new ConverseCommand({
          modelId: config.bedrock.modelId,
          messages: [
            { role: 'user', content: [{ text: 'hi' }] },
            { role: 'assistant', content: [{ text: 'hello' }] },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });
});
