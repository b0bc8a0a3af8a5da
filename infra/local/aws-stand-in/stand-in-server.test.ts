import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { localCredentials } from '#core/aws/aws-clients.ts';
import { testConfig } from '../../../test/local-clients.ts';

const endpoint = testConfig().local.awsEndpoint;

describe('AWS stand-in server', () => {
  it('reports its health, the APIs it serves and its memory', async () => {
    const response = await fetch(`${endpoint}/__stand-in/health`);
    expect(await response.json()).toEqual({
      status: 'ok',
      apis: expect.arrayContaining(['social-messaging']),
      memory: expect.objectContaining({ rss: expect.any(Number), heapUsed: expect.any(Number) }),
    });
  });

  it('speaks HTTP/2 on the same port to a client that defaults to it (Bedrock), answering in AWS error shape', async () => {
    // The Bedrock clients use HTTP/2 by default; a model the account does not have is refused as Bedrock would.
    const bedrock = new BedrockRuntimeClient({
      endpoint,
      region: 'us-east-1',
      credentials: localCredentials,
      maxAttempts: 1,
    });
    const failure = await bedrock
      .send(
        new ConverseCommand({
          modelId: 'anthropic.claude-v9:0',
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        }),
      )
      .catch((error: unknown) => error);
    bedrock.destroy();
    expect(failure).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  it('answers an operation no API serves with UnknownOperationException', async () => {
    const response = await fetch(`${endpoint}/no/such/operation`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('refuses a fault request that is not well formed', async () => {
    const response = await fetch(`${endpoint}/__stand-in/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        api: 'social-messaging',
        operation: 'SendWhatsAppMessage',
        errorType: 'Oops!',
        status: 200,
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/errorType|status/);
  });

  it('refuses a body over 8 MB before buffering it', async () => {
    const response = await fetch(`${endpoint}/v1/whatsapp/send`, {
      method: 'POST',
      body: Buffer.alloc(9 * 1024 * 1024, 97),
    });
    expect(response.status).toBe(413);
  });
});
