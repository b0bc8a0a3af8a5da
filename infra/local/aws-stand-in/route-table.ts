import type { IncomingHttpHeaders } from 'node:http';
import { type HttpRoute, isAwsJson, type Operation, type StandInApi } from './stand-in-api.ts';

export interface RouteMatch {
  api: StandInApi;
  operation: Operation;
  params: Record<string, string>;
}

interface CompiledRoute {
  api: StandInApi;
  operation: Operation;
  method: string;
  pattern: RegExp;
  names: string[];
}

/** Finds the API operation a request addresses, the way AWS front ends do: by target or by method and path. */
export class RouteTable {
  private readonly restRoutes: CompiledRoute[] = [];
  private readonly targets = new Map<string, { api: StandInApi; operation: Operation }>();
  /** aws-query APIs by signing name: one form posted to `/`, the operation named by its `Action`. */
  private readonly queryApis = new Map<string, StandInApi>();
  private readonly httpRoutes: Array<{ route: HttpRoute; method: string; pattern: RegExp; names: string[] }> =
    [];

  constructor(apis: readonly StandInApi[]) {
    for (const api of apis) {
      for (const route of api.httpRoutes ?? [])
        this.httpRoutes.push({ route, method: route.method, ...compileTemplate(route.path) });
      for (const operation of api.operations) {
        if (api.protocol === 'aws-query') {
          this.queryApis.set(api.signingName, api);
        } else if (isAwsJson(api.protocol)) {
          this.targets.set(`${api.targetPrefix}.${operation.name}`, { api, operation });
        } else if (operation.method && operation.path) {
          this.restRoutes.push({
            api,
            operation,
            method: operation.method,
            ...compileTemplate(operation.path),
          });
        }
      }
    }
  }

  matchHttp(method: string, path: string): { route: HttpRoute; params: Record<string, string> } | undefined {
    for (const candidate of this.httpRoutes) {
      if (candidate.method !== method) continue;
      const found = candidate.pattern.exec(path);
      if (found) return { route: candidate.route, params: paramsOf(candidate.names, found) };
    }
    return undefined;
  }

  match(method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer): RouteMatch | undefined {
    const target = headers['x-amz-target'];
    if (typeof target === 'string') {
      const found = this.targets.get(target);
      return found ? { ...found, params: {} } : undefined;
    }
    const signingName = signingNameOf(headers.authorization);
    const queryApi = signingName ? this.queryApis.get(signingName) : undefined;
    if (queryApi && method === 'POST' && path === '/') {
      const action = new URLSearchParams(body?.toString('utf8') ?? '').get('Action');
      const operation = queryApi.operations.find((candidate) => candidate.name === action);
      return operation ? { api: queryApi, operation, params: {} } : undefined;
    }
    for (const route of this.restRoutes) {
      if (route.method !== method) continue;
      if (signingName && route.api.signingName !== signingName) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      return { api: route.api, operation: route.operation, params: paramsOf(route.names, found) };
    }
    return undefined;
  }
}

function compileTemplate(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter[1]);
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

function paramsOf(names: readonly string[], found: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    params[name] = decodeURIComponent(found[index + 1] ?? '');
  });
  return params;
}

/** The SigV4 signing name of a request: `Credential=AKID/20260125/us-east-1/<name>/aws4_request`. */
function signingNameOf(authorization: string | undefined): string | undefined {
  return authorization
    ? /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1]
    : undefined;
}
