import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { adminConsole } from './parts/console.ts';

/**
 * `wecare-admin-api`: the console (pages, JSON API, sign-in) behind the HTTP API at
 * `https://base.wecare.digital`. Hono's Lambda adapter turns the API Gateway (payload 2.0) event
 * into a Request and the app's Response back; the app authenticates every request itself.
 */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) =>
  handle(adminConsole())(event, context);
