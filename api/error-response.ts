import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import { logger } from '#core/logger/logger.ts';
import { errorPage } from './pages/error-page.ts';

/**
 * Typed errors keep their status; an AWS service's refusal is classified (the request's fault a
 * 400); anything unexpected is a 500 without its details.
 */
export function errorResponse(error: Error, c: Context) {
  if (error instanceof AppError)
    return problem(c, error.httpStatus, { error: error.code, message: error.message });
  if (error instanceof HTTPException) return error.getResponse();
  // An AWS service refused what a request carried to it (a key over DynamoDB's size, a value the
  // service will not take): the request's fault, so a 400; its throttling a 429. Anything else
  // from AWS (an outage, a network failure, a permission or table missing: our side) is a 502,
  // logged as an error so that the alarms see it.
  if (isAwsSdkError(error)) {
    const classified = classifyAwsError(error, 'the console');
    const status =
      classified.httpStatus === 400 && (error as { $fault?: unknown }).$fault === 'client'
        ? 400
        : classified.httpStatus === 429
          ? 429
          : 502;
    logger('console')[status === 502 ? 'error' : 'warn']('An AWS call of the console failed', {
      awsError: error.name,
      status,
      method: c.req.method,
      route: c.req.routePath,
    });
    const message =
      status === 400
        ? 'The request has a value the platform cannot store or send.'
        : status === 429
          ? 'The platform is busy: try again in a moment.'
          : 'A service the platform uses did not answer as it should: try again in a moment.';
    return problem(c, status, { error: status === 502 ? 'upstream' : classified.code, message });
  }
  // The browser went away mid-request (a closed tab, a cancelled upload): nobody to answer.
  if (c.req.raw.signal.aborted)
    return c.json({ error: 'aborted', message: 'The request was cancelled.' }, 400);
  logger('console').error('The console failed a request', {
    name: error.name,
    message: error.message,
    method: c.req.method,
    route: c.req.routePath,
  });
  return problem(c, 500, { error: 'internal', message: 'Something went wrong on our side.' });
}

/**
 * An error an AWS SDK client threw: the service's answer (it names the fault's side) or a network
 * failure or timeout on the way (the SDK's retry step gives every error its `$metadata`).
 */
function isAwsSdkError(error: Error): boolean {
  return typeof (error as { $metadata?: unknown }).$metadata === 'object';
}

/**
 * A problem as JSON for the API; for a page a person opened (a `/console/` address, asked as
 * HTML), the same message as a page with the way back.
 */
export function problem(
  c: Context,
  status: number,
  body: { error: string; message: string; fields?: Array<{ field: string; message: string }> },
) {
  const wantsPage = !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  if (!wantsPage) return c.json(body, status as 400);
  const detail = body.fields?.map((field) => `${field.field}: ${field.message}`).join('; ');
  return c.html(errorPage(status, detail ? `${body.message} (${detail})` : body.message), status as 400);
}
