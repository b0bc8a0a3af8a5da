import type { IncomingHttpHeaders } from 'node:http';

/**
 * The shape of one AWS API served by the stand-in server. Adding an API is one file under `apis/`
 * that returns a `StandInApi`, plus its line in `apis/registry.ts`.
 */
export type Protocol = 'rest-json' | 'aws-json-1.0' | 'aws-json-1.1' | 'aws-query';

/** The protocols that name the operation in `X-Amz-Target` and post JSON to `/`. */
export const isAwsJson = (protocol: Protocol) => protocol === 'aws-json-1.0' || protocol === 'aws-json-1.1';

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Path parameters of the matched template, already percent-decoded. */
  params: Readonly<Record<string, string>>;
}

export interface StandInResponse {
  status?: number;
  /** Serialized in the API's protocol: JSON, or for aws-query the `<Action>Result` element's members. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

export interface Operation {
  name: string;
  /** rest-json: method and path template with `{param}` segments; aws-json: matched on X-Amz-Target. */
  method?: string;
  path?: string;
  handle(request: StandInRequest): Promise<StandInResponse> | StandInResponse;
}

export interface StandInApi {
  name: string;
  /** SigV4 signing name (the `<service>` of `Credential=…/<region>/<service>/aws4_request`). */
  signingName: string;
  protocol: Protocol;
  /** aws-json only: the X-Amz-Target prefix, e.g. `PinpointSMSVoiceV2`. */
  targetPrefix?: string;
  /** aws-query only (a form posted to `/` naming its `Action`, answered in XML): the responses' namespace. */
  xmlNamespace?: string;
  operations: readonly Operation[];
  /** What a call is about, for fault injection that targets one test's calls (e.g. a send's recipient). */
  faultSubject?(operation: string, request: StandInRequest): string | undefined;
  /** Plain HTTP routes beside the API (inspection, the simulator's pages): not part of any AWS API. */
  httpRoutes?: readonly HttpRoute[];
}

export interface HttpResponse {
  status?: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface HttpRoute {
  method: string;
  /** Path template with `{param}` segments. */
  path: string;
  handle(request: StandInRequest): Promise<HttpResponse> | HttpResponse;
}

/**
 * An error in the service's own shape: `type` is the exception name the SDK turns into its class
 * (`ThrottledRequestException` → the SDK's ThrottledRequestException), `fields` extra members.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = type;
  }
}
