import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { adminConsole } from './parts/console.ts';

/**
 * `wecare-admin-api`: the console (pages, JSON API, sign-in) behind the HTTP API at
 * `https://base.wecare.digital`. Hono's Lambda adapter turns the API Gateway (payload 2.0) event
 * into a Request and the app's Response back; the app authenticates every request itself.
 */
export const handler = (event: LambdaEvent, context: LambdaContext) => handle(adminConsole())(event, context);
