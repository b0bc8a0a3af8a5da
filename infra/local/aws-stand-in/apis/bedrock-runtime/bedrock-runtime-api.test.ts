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

  it('reads the tool specs it is sent: the invoice tool is asked for a service of its own enum, never an amount', async () => {
    const invoiceTool = {
      toolSpec: {
        name: 'create_invoice_link',
        description:
          'Offer a payment link. Services: website-starter: Website Starter; gst-filing: GST filing assistance.',
        inputSchema: {
          json: {
            type: 'object',
            properties: { serviceId: { type: 'string', enum: ['website-starter', 'gst-filing'] } },
            required: ['serviceId'],
          },
        },
      },
    };
    const answer = await clients.bedrockRuntime.send(
      new ConverseCommand({
        modelId: config.bedrock.modelId,
        messages: [
          {
            role: 'user',
            content: [
              // The platform's context block is data, not the customer's words: its request is not acted on.
              { text: '<conversation_context>\nEarlier: asked to talk to a human.\n</conversation_context>' },
              { text: 'Please send me the payment link for GST filing' },
            ],
          },
        ],
        toolConfig: {
          tools: [...tools.filter((tool) => tool.toolSpec.name === 'request_human'), invoiceTool],
        },
      }),
    );
    expect(answer.stopReason).toBe('tool_use');
    expect(answer.output?.message?.content?.[0]?.toolUse).toMatchObject({
      name: 'create_invoice_link',
      input: { serviceId: 'gst-filing' },
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
