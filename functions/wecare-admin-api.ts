import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { lambdaShell } from './lambda-shell.ts';
import { adminConsole } from './parts/console.ts';

/**
 * `wecare-admin-api`: the console (pages, JSON API, sign-in) and the public payment links behind
 * the HTTP API at `https://base.wecare.digital`. Hono's Lambda adapter turns the API Gateway
 * (payload 2.0) event into a Request and the app's Response back; the app authenticates every
 * request itself. The shell adds the Lambda context to log lines and counts responses by class.
 */
export const handler = lambdaShell(
  'wecare-admin-api',
  async (event: LambdaEvent, context: LambdaContext, { count }) => {
    const response = await handle(adminConsole())(event, context);
    const status = 'statusCode' in response ? Number(response.statusCode) : 200;
    count(status >= 500 ? 'Responses5xx' : status >= 400 ? 'Responses4xx' : 'Responses2xx');
    return response;
  },
);
