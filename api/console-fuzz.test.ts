import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { testConsole } from '../test/console-client.ts';
import { bearer, staffUsers, tokensOf } from '../test/console-staff.ts';
import { unique } from '../test/local-clients.ts';

/**
 * Issue 11 item 8: nothing a client sends produces a 500. Every route the app answers (from its own
 * router table, so a later route is fuzzed too) gets malformed paths, methods, content types, bodies,
 * fields, query strings and headers, as an Admin with a valid token (whom no role check stops, so
 * every handler meets the input) and as nobody; the app must answer each with less than 500 and
 * keep serving.
 */
// Keys of its own for what an Admin's requests write (the synced templates, the catalog, KB files):
// the probes must not change what the other test files send or answer.
const { app } = testConsole({
  WECARE_TEMPLATES_KEY: `test/${unique('fuzz')}/templates.json`,
  WECARE_CATALOG_KEY: `test/${unique('fuzz')}/catalog.json`,
  WECARE_KB_PREFIX: `test/${unique('fuzz')}/kb/`,
});
let admin: Record<string, string> = {};

beforeAll(async () => {
  admin = bearer((await tokensOf(staffUsers.admin)).access_token);
});

type Probe = { label: string; path: string; init: RequestInit };

const routes = [
  ...new Map(
    app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => [`${route.method} ${route.path}`, { method: route.method, path: route.path }]),
  ).values(),
];

const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'fuzz', version: '1' } });
type Schema = { properties?: Record<string, Schema>; anyOf?: Schema[]; oneOf?: Schema[]; $ref?: string };
type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

function operationOf(method: string, path: string): Operation | undefined {
  const paths = document.paths as Record<string, Record<string, Operation>> | undefined;
  return paths?.[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
}

/** Every field name of a body schema, however nested in unions, objects and references. */
function fieldsOf(schema: Schema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  const resolved = schema.$ref
    ? ((document.components?.schemas as Record<string, Schema> | undefined)?.[
        schema.$ref.split('/').at(-1) ?? ''
      ] ?? {})
    : schema;
  const nested = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])].flatMap((part) =>
    fieldsOf(part, prefix),
  );
  const own = Object.entries(resolved.properties ?? {}).flatMap(([name, inner]) => [
    [...prefix, name],
    ...fieldsOf(inner, [...prefix, name]),
  ]);
  return [...own, ...nested];
}

function withField(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, name) => ({ [name]: inner }), value);
}

const badSegments = [
  '%E0%A4%A',
  '%',
  '%%',
  '%zz',
  '%FF%FE',
  '%C0%AF',
  '%00',
  '%2523',
  '%252F',
  '%2F',
  '..',
  '%2e%2e',
  '%F0%9F%98%80',
  'मीरा',
  'a'.repeat(3000),
  '%E0%A4%A'.repeat(400),
  `831049713436137%23${'9'.repeat(3000)}`,
  `wamid.${'A'.repeat(3000)}`,
  `inv-${'0'.repeat(3000)}`,
  encodeURIComponent(encodeURIComponent('831049713436137#919830012345')),
];

/** Malformed paths: in every parameter, and the route's path itself bent out of shape. */
function pathProbes(method: string, path: string): Probe[] {
  const withParams = (value: string) => path.replace(/:\w+/g, value);
  const plain = withParams('831049713436137%23919830012345');
  const shapes = [
    `/${plain}`,
    plain.replace(/^\/(\w+)\//, '/$1//'),
    `${plain}/`,
    `${plain}//`,
    `${plain};x=1`,
    `${plain}/%E0%A4%A`,
    `${plain}/${'b'.repeat(3000)}`,
    plain.toUpperCase(),
    `/api/%2e%2e${plain}`,
    `${plain}%00`,
  ];
  return [...(path.includes(':') ? badSegments.map((segment) => withParams(segment)) : []), ...shapes].map(
    (bent) => ({ label: `path ${bent.slice(0, 60)}`, path: bent, init: { method } }),
  );
}

const methods = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'FOO', 'get', 'post'];

const forgedTokens = [
  { state: 'bot', after: { id: '', state: 'bot', lastActivityAtMs: 1 } },
  { state: 'bot', after: { id: 'x', state: 'bot', lastActivityAtMs: 1e308 } },
  { state: 'bot', after: { id: 'x', state: 'bot', lastActivityAtMs: -1e300 } },
  { state: 'bot', after: { id: 'x'.repeat(1400), state: 'bot', lastActivityAtMs: 1 } },
  { state: 'human', after: { id: 'x', state: 'bot', lastActivityAtMs: 1 } },
  { state: 'bot', after: { id: { S: 'x' }, state: 'bot', lastActivityAtMs: 1 } },
  [],
].map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'));

const queries = (names: string[]) => [
  '?%%%',
  '?&&&=&=',
  '?=',
  '?%E0%A4%A=%E0%A4%A',
  `?${'x'.repeat(5000)}=1`,
  `?${Array.from({ length: 1000 }, (_, index) => `k=${index}`).join('&')}`,
  ...names.flatMap((name) => [
    `?${name}=1&${name}=2`,
    `?${name}=a&${name}=b&${name}=c`,
    `?${name}[]=x`,
    `?${name}[a]=x`,
    `?${name}=%E0%A4%A`,
    `?${name}=%FF%FE`,
    `?${name}=${'9'.repeat(5000)}`,
    `?${name}=-1`,
    `?${name}=1e400`,
    `?${name}=NaN`,
    `?${name}=0x10`,
    `?${name}=%00`,
    `?${name}=`,
    `?${name}`,
    // Forged tokens of the shape this API hands out (base64url JSON), with keys DynamoDB refuses.
    ...forgedTokens.map((token) => `?${name}=${token}`),
  ]),
];

const invalidUtf8 = [
  Uint8Array.from([0xff, 0xfe, 0xfd]),
  Uint8Array.from([0xc3, 0x28]),
  Uint8Array.from([...Buffer.from('{"text":"'), 0xff, 0xfe, ...Buffer.from('"}')]),
  Uint8Array.from([...Buffer.from('{"'), 0xe0, 0xa4, ...Buffer.from('":1}')]),
];

const notJson = [
  '',
  '{',
  '}',
  'null',
  'true',
  '[]',
  '"x"',
  '1e999',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '\uFEFF{}',
  '{"text":"\\ud800"}',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
];

const wrongValues: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  '',
  ' ',
  'x',
  'x'.repeat(100_000),
  [],
  {},
  [1, 2],
  { $ne: 1 },
  '\u0000',
  '\ud800',
];

const deep = 10_000;

/** Bodies and content types: not JSON, huge, deep, invalid UTF-8, and wrong types in every field. */
function bodyProbes(method: string, path: string): Probe[] {
  const json = (label: string, body: string | Uint8Array, type = 'application/json'): Probe => ({
    label,
    path: path.replace(/:\w+/g, '831049713436137%23919830012345'),
    init: { method, headers: { 'content-type': type }, body },
  });
  const fields = fieldsOf(operationOf(method, path)?.requestBody?.content?.['application/json']?.schema);
  return [
    ...[
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'multipart/form-data',
      'application/json; charset=utf-16',
      'application/xml',
      'application/json, text/plain',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      '',
      '%E0%A4%A',
    ].map((type) => json(`content-type ${type}`, '--x\r\nversion=1&text=hello\r\n--x--', type)),
    ...notJson.map((body) => json(`body ${body.slice(0, 20)}`, body)),
    ...invalidUtf8.map((bytes, index) => json(`invalid UTF-8 #${index}`, bytes)),
    json('1 MB of JSON', JSON.stringify({ text: 'a'.repeat(1 << 20) })),
    json(
      '1 MB of fields',
      JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`f${i}`, i]))),
    ),
    json('deep arrays', `${'['.repeat(deep)}${']'.repeat(deep)}`),
    json('deep objects', `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`),
    json('deeper arrays', `${'['.repeat(deep * 50)}${']'.repeat(deep * 50)}`),
    ...fields.flatMap((field) =>
      wrongValues.map((value) =>
        json(
          `field ${field.join('.')} = ${JSON.stringify(value)?.slice(0, 20)}`,
          JSON.stringify(withField(field, value)),
        ),
      ),
    ),
  ];
}

const headerProbes = (method: string, path: string): Probe[] => {
  const plain = path.replace(/:\w+/g, '831049713436137%23919830012345');
  const headers: Array<[string, Record<string, string>]> = [
    ['a 100 KB header', { 'x-big': 'a'.repeat(100_000) }],
    ['500 headers', Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h${i}`, String(i)]))],
    ['a 100 KB bearer token', { authorization: `Bearer ${'a'.repeat(100_000)}` }],
    ['a bearer of dots', { authorization: 'Bearer ....' }],
    ['a three-part bearer', { authorization: 'Bearer a.b.c' }],
    ['a basic authorization', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['broken cookies', { cookie: 'wecare_access=%E0%A4%A; wecare_refresh=%; wecare_sign_in=%' }],
    ['a garbage sign-in cookie', { cookie: `wecare_sign_in=${encodeURIComponent('{"state":1}')}` }],
    ['a huge cookie', { cookie: `wecare_access=${'a'.repeat(50_000)}` }],
    ['cookies without values', { cookie: ';;;=;wecare_access;=x' }],
    ['a huge Last-Event-ID', { 'last-event-id': '9'.repeat(5000) }],
    ['a negative Last-Event-ID', { 'last-event-id': '-1' }],
    ['an odd accept', { accept: '*/*;q=abc, text/html;;;' }],
    ['an origin of null', { origin: 'null' }],
    ['a broken host', { host: '%E0%A4%A' }],
  ];
  return headers.map(([label, extra]) => ({ label, path: plain, init: { method, headers: extra } }));
};

/** Sends each probe (a few at a time), as `who`; returns those answered with 500 or more. */
async function send(probes: Probe[], who: Record<string, string>): Promise<string[]> {
  const failures: string[] = [];
  for (let start = 0; start < probes.length; start += 8) {
    await Promise.all(
      probes.slice(start, start + 8).map(async ({ label, path, init }) => {
        const headers = { accept: 'application/json', ...who, ...(init.headers as Record<string, string>) };
        const response = await app.request(path, { ...init, headers });
        if (response.status >= 500) failures.push(`${init.method} ${label}: ${response.status}`);
        await response.body?.cancel();
      }),
    );
  }
  return failures;
}

async function stillServing() {
  const response = await app.request('/api/me', { headers: admin });
  expect(response.status).toBe(200);
}

describe.each(routes)('$method $path', ({ method, path }) => {
  const queryNames = (operationOf(method, path)?.parameters ?? [])
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => parameter.name);
  const batches: Array<[string, () => Probe[]]> = [
    ['malformed paths', () => pathProbes(method, path)],
    [
      'unknown and unexpected methods',
      () =>
        methods.map((other) => ({ label: other, path: path.replace(/:\w+/g, 'x'), init: { method: other } })),
    ],
    [
      'malformed query strings',
      () =>
        queries([...new Set([...queryNames, 'cursor'])]).map((query) => ({
          label: `query ${query.slice(0, 40)}`,
          path: `${path.replace(/:\w+/g, '831049713436137%23919830012345')}${query}`,
          init: { method },
        })),
    ],
    ['malformed headers', () => headerProbes(method, path)],
    ...(method === 'GET'
      ? []
      : [['malformed bodies', () => bodyProbes(method, path)] as [string, () => Probe[]]]),
  ];

  it.each(batches)('answers %s with less than 500, as an Admin and as nobody', async (_batch, probes) => {
    const all = probes();
    expect([...(await send(all, admin)), ...(await send(all, {}))]).toEqual([]);
    await stillServing();
  });
});

describe('unknown routes', () => {
  it('are 404, never 500', async () => {
    const probes = [
      '/nope',
      '/api/nope',
      '/console/nope',
      '/%E0%A4%A',
      `/${'z'.repeat(3000)}`,
      '//',
      '/api//',
    ].map((path) => ({ label: path, path, init: { method: 'GET' } }));
    expect([...(await send(probes, admin)), ...(await send(probes, {}))]).toEqual([]);
    const notFound = await app.request('/api/nope', { headers: admin });
    expect(notFound.status).toBe(404);
    await stillServing();
  });
});

/**
 * What `app.request` cannot send (its URL is always well formed): raw request lines to the Node
 * server `npm start` runs, and API Gateway events with raw paths to the Lambda adapter.
 */
describe('the servers in front of the app', () => {
  const requestLine = (line: Buffer | string, headers = 'Host: console.local\r\n') =>
    Buffer.concat([
      typeof line === 'string' ? Buffer.from(line, 'latin1') : line,
      Buffer.from(` HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`),
    ]);
  const raw = [
    requestLine('GET /api/conversations/%E0%A4%A'),
    requestLine(Buffer.concat([Buffer.from('GET /api/conversations/'), Buffer.from([0xff, 0xfe])])),
    requestLine('GET //api/me'),
    requestLine('GET http://elsewhere.example/api/me'),
    requestLine('GET *'),
    requestLine('FOO /api/me'),
    requestLine('GET /api/me', 'Host: %E0%A4%A\r\n'),
    requestLine('GET /api/me', ''),
    requestLine('GET /api/me', `X-Big: ${'a'.repeat(20_000)}\r\n`),
    requestLine(
      'POST /api/conversations/831049713436137%23919830012345/takeover',
      'Host: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    ),
  ];

  function statusLine(port: number, request: Buffer): Promise<string> {
    return new Promise((resolve) => {
      let answer = '';
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('latin1');
      });
      socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
      socket.on('error', () => resolve('closed'));
    });
  }

  it('the Node server answers raw malformed requests with less than 500', async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((listening) => server.once('listening', listening));
    const { port } = server.address() as AddressInfo;
    const answers = await Promise.all(raw.map((request) => statusLine(port, request)));
    await new Promise((closed) => server.close(closed));
    expect(answers.filter((answer) => !/^HTTP\/1\.1 [1-4]\d\d /.test(answer))).toEqual([]);
  });

  it('the Lambda adapter answers raw paths and query strings with less than 500', async () => {
    const paths = [
      '/api/conversations/%E0%A4%A',
      '//api/me',
      '/api/%zz',
      `/api/${'a'.repeat(3000)}`,
      '/api/me/\u00ff',
      'api/me',
      '',
    ];
    const statuses: string[] = [];
    for (const rawPath of paths)
      for (const rawQueryString of ['', '%%', 'a=%E0%A4%A&a=1']) {
        const event = {
          version: '2.0',
          routeKey: '$default',
          rawPath,
          rawQueryString,
          headers: { host: 'base.wecare.digital', accept: 'application/json' },
          requestContext: {
            http: {
              method: 'GET',
              path: rawPath,
              sourceIp: '192.0.2.1',
              protocol: 'HTTP/1.1',
              userAgent: 'fuzz',
            },
            domainName: 'base.wecare.digital',
          },
          isBase64Encoded: false,
        } as unknown as LambdaEvent;
        const result = (await handle(app)(event, {} as LambdaContext)) as { statusCode: number };
        if (result.statusCode >= 500)
          statuses.push(`${rawPath.slice(0, 40)}?${rawQueryString}: ${result.statusCode}`);
      }
    expect(statuses).toEqual([]);
  });
});
