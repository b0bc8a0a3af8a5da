import { request } from 'node:http';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../../../test/local-clients.ts';
import { createStandInWorld, standInApis } from './apis/registry.ts';

/**
 * Issue 14 item 2 for the stand-in server (the AWS APIs, the simulator, its pages): no input gives a
 * 500. Every route template it serves (read from its APIs, so a later route is fuzzed too) gets
 * broken percent-escapes, a path decoded twice, an over-long parameter, other methods, and bodies
 * that are not JSON, too deep, of the wrong types or not UTF-8; each answer is under 500 and the
 * server keeps serving.
 */
const config = testConfig();
const endpoint = new URL(config.local.awsEndpoint);

/** A raw request (fetch would normalise the path and refuse some bodies): its status. */
function send(
  method: string,
  path: string,
  body?: Buffer,
  contentType = 'application/json',
  extraHeaders: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: endpoint.hostname,
        port: endpoint.port,
        method,
        path,
        headers: {
          ...(body ? { 'content-type': contentType, 'content-length': String(body.length) } : {}),
          ...extraHeaders,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const templates = [
  ...new Set(
    standInApis(createStandInWorld(config, testClients())).flatMap((api) => [
      ...api.operations.flatMap((operation) => (operation.path ? [operation.path] : [])),
      ...(api.httpRoutes ?? []).map((route) => route.path),
    ]),
  ),
];
const values = ['%E0%A4%A', '%25E0%25A4', '%', '%ZZ', 'a'.repeat(3000), '..', '%00', '%F0%9F%98%80'];
const bodies: Array<[string, Buffer]> = [
  ['not JSON', Buffer.from('{"text": ')],
  ['wrong types', Buffer.from('{"text": 5, "from": [], "businessPhone": {}}')],
  ['too deep', Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`)],
  ['not UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])],
  ['a string', Buffer.from('"hello"')],
];

describe('the stand-in server under malformed input', () => {
  it('answers every route with less than 500, whatever the path, method or body, and keeps serving', async () => {
    expect(templates.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const probe = async (method: string, path: string, body?: Buffer) => {
      const status = await send(method, path, body);
      if (status >= 500 || status === 0) failures.push(`${status} ${method} ${path.slice(0, 80)}`);
    };
    for (const template of templates) {
      for (const value of values) {
        const path = template.replace(/\{\w+\}/g, value);
        for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) await probe(method, path);
      }
      const path = template.replace(/\{\w+\}/g, '919330994400');
      for (const [, body] of bodies) await probe('POST', path, body);
    }
    for (const path of ['//', '/%25E0%25A4', '/%E0%A4%A', `/${'x'.repeat(8000)}`, '/sim/api/messages?%ZZ'])
      await probe('GET', path);
    expect(failures).toEqual([]);
    expect(await send('GET', '/__stand-in/health')).toBe(200);
  });

  it('answers every route with less than 500 whatever the headers say, and keeps serving', async () => {
    const headerSets: Array<[string, Record<string, string>]> = [
      ['an unknown target', { 'x-amz-target': 'Nope_20990101.Nothing' }],
      ['a huge target', { 'x-amz-target': 'x'.repeat(12_000) }],
      ['a gzip body that is not', { 'content-encoding': 'gzip' }],
      ['a garbled authorization', { authorization: 'AWS4-HMAC-SHA256 Credential=%%%' }],
      ['an odd accept', { accept: '*/*;q=x' }],
    ];
    const contentTypes = [
      'text/plain',
      'application/x-amz-json-1.0',
      'multipart/form-data; boundary=',
      '',
      'application/json; charset=latin1',
    ];
    const failures: string[] = [];
    for (const template of templates) {
      const path = template.replace(/\{\w+\}/g, '919330994400');
      const body = Buffer.from('{"text":"hi"}');
      for (const [label, headers] of headerSets) {
        const status = await send('POST', path, body, 'application/json', headers).catch(() => 0);
        if (status >= 500 || status === 0) failures.push(`${status} ${label} ${path}`);
      }
      for (const contentType of contentTypes) {
        const status = await send('POST', path, body, contentType).catch(() => 0);
        if (status >= 500 || status === 0) failures.push(`${status} content-type ${contentType} ${path}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await send('GET', '/__stand-in/health')).toBe(200);
  });

  it('refuses at the door a customer message SNS could not carry, instead of accepting and losing it', async () => {
    const from = `9198${String(Date.now()).slice(-8)}`;
    const quotes = '"'.repeat(65_536);
    const status = await send(
      'POST',
      '/sim/api/messages',
      Buffer.from(JSON.stringify({ businessPhone: '919330994400', from, name: 'Big', text: quotes })),
    );
    expect(status).toBe(413);
    const chat = await fetch(`${config.local.awsEndpoint}/sim/api/conversations/831049713436137/${from}`);
    expect(((await chat.json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it("refuses a text over WhatsApp's 65,536 characters, and carries one at the limit through to the platform", async () => {
    const from = `9197${String(Date.now()).slice(-8)}`;
    const message = (text: string) =>
      Buffer.from(JSON.stringify({ businessPhone: '919330994400', from, name: 'Long', text }));
    expect(await send('POST', '/sim/api/messages', message('a'.repeat(65_537)))).toBe(400);
    // At the limit in Devanagari: 192 KiB of UTF-8, which SNS, the inbound function and its table all carry.
    const longest = 'न'.repeat(65_536);
    expect(await send('POST', '/sim/api/messages', message(longest))).toBe(202);
    const { documents } = testClients();
    let stored: Array<Record<string, unknown>> = [];
    for (let attempt = 0; attempt < 100 && stored.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const found = await documents.send(
        new QueryCommand({
          TableName: config.tables.whatsAppInbound,
          IndexName: 'by-conversation',
          KeyConditionExpression: 'conversationId = :conversation',
          ExpressionAttributeValues: { ':conversation': `831049713436137#${from}` },
        }),
      );
      stored = found.Items ?? [];
    }
    expect(stored).toHaveLength(1);
    expect((stored[0]?.payload as { body?: string } | undefined)?.body).toBe(longest);
  });
});
