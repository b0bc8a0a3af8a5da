import { AppError, type Disposition } from './app-errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Readonly<Record<string, unknown>> };
}

/**
 * The one mapping from an error to an HTTP response. Unknown errors become a 500 whose message
 * says nothing about internals; the caller logs the original.
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status: error.httpStatus, body };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error' } } };
}

/**
 * The one mapping from an error to what an event handler does with its event. An error we did not
 * anticipate is retried: the delivery's own retry limit then moves it to the dead-letter queue,
 * so nothing is lost either way.
 */
export function dispositionOf(error: unknown): Disposition {
  return error instanceof AppError ? error.disposition : 'retry';
}
