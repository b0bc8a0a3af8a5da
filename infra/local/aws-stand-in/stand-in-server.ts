import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import net from 'node:net';
import type { RunningService } from '../running-service.ts';
import { queryResponse, serializeError } from './error-serializer.ts';
import { FaultRequest, type Faults } from './fault-injection.ts';
import { RouteTable } from './route-table.ts';
import {
  AwsServiceError,
  type HttpRoute,
  isAwsJson,
  type Protocol,
  type StandInApi,
  type StandInRequest,
} from './stand-in-api.ts';

/** Bodies beyond this are refused before they are buffered (EUM's largest request is a 2 MB message, base64). */
const maxBodyBytes = 8 * 1024 * 1024;

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/**
 * One loopback port that speaks HTTP/1.1 and cleartext HTTP/2 (the Bedrock clients' default), so
 * every SDK client works unmodified: the first bytes of a connection tell which protocol it is.
 */
export async function startStandInServer(options: {
  port: number;
  apis: readonly StandInApi[];
  faults: Faults;
}): Promise<RunningService> {
  const routes = new RouteTable(options.apis);
  const handler = (request: AnyRequest, response: AnyResponse) => {
    handle(request, response, routes, options).catch((error: unknown) => {
      send(response, 500, { 'content-type': 'application/json' }, { message: String(error) });
    });
  };
  const http1 = http.createServer(handler);
  const h2c = http2.createServer(handler);
  const sockets = new Set<net.Socket>();
  const mux = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('readable', () => {
      const head = socket.read(3) as Buffer | null;
      if (head) socket.unshift(head);
      (head?.toString() === 'PRI' ? h2c : http1).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    mux.once('error', reject);
    mux.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = mux.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    name: 'AWS stand-in (EUM Social, …)',
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        mux.close(() => resolve());
      }),
  };
}

async function handle(
  request: AnyRequest,
  response: AnyResponse,
  routes: RouteTable,
  options: { apis: readonly StandInApi[]; faults: Faults },
): Promise<void> {
  // Prefixed, not resolved against a base: a path such as `//` is a path here, not a host.
  const url = new URL(`http://stand-in${request.url?.startsWith('/') ? request.url : '/'}`);
  const method = request.method ?? 'GET';
  // A path that does not decode (a broken percent-escape) names nothing: a client error, said as such.
  if (!decodes(url.pathname)) {
    send(
      response,
      400,
      { 'content-type': 'application/json' },
      { message: 'The path has a malformed percent-escape' },
    );
    return;
  }
  // A declared length over the cap is refused before reading; an undeclared one while reading.
  const declaredLength = Number(request.headers['content-length'] ?? 0);
  const body = declaredLength > maxBodyBytes ? undefined : await readBody(request);
  if (body === undefined) {
    send(
      response,
      413,
      { 'content-type': 'application/json' },
      { message: `Request body exceeds ${maxBodyBytes} bytes` },
    );
    return;
  }
  const plain = routes.matchHttp(method, url.pathname);
  if (plain) {
    await handlePlain(
      plain,
      { method, path: url.pathname, query: url.searchParams, headers: request.headers, body },
      response,
    );
    return;
  }
  if (url.pathname.startsWith('/__stand-in/')) {
    handleControl(method, url.pathname, body, response, options);
    return;
  }
  const match = routes.match(method, url.pathname, request.headers, body);
  if (!match) {
    const error = serializeError(
      'rest-json',
      'UnknownOperationException',
      `No operation for ${method} ${url.pathname}`,
      {},
    );
    send(response, 404, error.headers, error.body);
    return;
  }
  const protocol: Protocol = match.api.protocol;
  const requestId = randomUUID();
  try {
    const subject = match.api.faultSubject?.(match.operation.name, {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      params: match.params,
    });
    const injected = options.faults.take(match.api.name, match.operation.name, subject);
    if (injected) throw injected;
    const result = await match.operation.handle({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      params: match.params,
    });
    if (protocol === 'aws-query') {
      sendRaw(
        response,
        result.status ?? 200,
        { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...result.headers },
        queryResponse(match.operation.name, match.api.xmlNamespace ?? '', result.body, requestId),
      );
      return;
    }
    const contentType = isAwsJson(protocol)
      ? `application/x-amz-json-${protocol.slice(-3)}`
      : 'application/json';
    send(
      response,
      result.status ?? 200,
      { 'content-type': contentType, 'x-amzn-requestid': requestId, ...result.headers },
      result.body ?? {},
    );
  } catch (error) {
    const failure =
      error instanceof AwsServiceError
        ? error
        : new AwsServiceError('InternalServiceException', 500, `Stand-in failure: ${String(error)}`);
    const serialized = serializeError(protocol, failure.type, failure.message, {
      ...failure.fields,
      ...(protocol === 'aws-query' ? { RequestId: requestId } : {}),
    });
    const headers = { ...serialized.headers, 'x-amzn-requestid': requestId };
    if (typeof serialized.body === 'string') sendRaw(response, failure.status, headers, serialized.body);
    else send(response, failure.status, headers, serialized.body);
  }
}

/** A plain HTTP route (inspection, simulator pages): its own response, or a JSON 500 that says what broke. */
async function handlePlain(
  match: { route: HttpRoute; params: Record<string, string> },
  request: Omit<StandInRequest, 'params'>,
  response: AnyResponse,
): Promise<void> {
  try {
    const result = await match.route.handle({ ...request, params: match.params });
    if (result.raw !== undefined) {
      sendRaw(
        response,
        result.status ?? 200,
        { 'content-type': result.contentType ?? 'text/plain; charset=utf-8', ...result.headers },
        result.raw,
      );
    } else {
      send(
        response,
        result.status ?? 200,
        { 'content-type': 'application/json', ...result.headers },
        result.json ?? {},
      );
    }
  } catch (error) {
    const status = error instanceof AwsServiceError ? error.status : 500;
    send(
      response,
      status,
      { 'content-type': 'application/json' },
      { error: error instanceof Error ? error.message : String(error) },
    );
  }
}

/** `/__stand-in/…`: health and fault injection, for tests and the simulator; not part of any AWS API. */
function handleControl(
  method: string,
  path: string,
  body: Buffer,
  response: AnyResponse,
  options: { apis: readonly StandInApi[]; faults: Faults },
): void {
  const json = { 'content-type': 'application/json' };
  if (path === '/__stand-in/health' && method === 'GET') {
    // The process's memory too: the soak benchmark follows what grows (heap, buffers, native).
    send(response, 200, json, {
      status: 'ok',
      apis: options.apis.map((api) => api.name),
      memory: process.memoryUsage(),
    });
    return;
  }
  if (path === '/__stand-in/faults' && method === 'POST') {
    let candidate: unknown;
    try {
      candidate = JSON.parse(body.toString('utf8'));
    } catch {
      send(response, 400, json, { message: 'Body must be JSON' });
      return;
    }
    const fault = FaultRequest.safeParse(candidate);
    if (!fault.success) {
      send(response, 400, json, {
        message: fault.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
      return;
    }
    options.faults.inject(fault.data);
    send(response, 202, json, { injected: fault.data });
    return;
  }
  if (path === '/__stand-in/faults' && method === 'DELETE') {
    options.faults.clear();
    send(response, 200, json, { cleared: true });
    return;
  }
  send(response, 404, json, { message: `No control route ${method} ${path}` });
}

async function readBody(request: AnyRequest): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: AnyResponse, status: number, headers: Record<string, string>, body: unknown): void {
  sendRaw(response, status, headers, JSON.stringify(body));
}

function sendRaw(
  response: AnyResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  if (response.headersSent) return;
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
  response.writeHead(status, { ...headers, 'content-length': String(payload.length) });
  response.end(payload);
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
