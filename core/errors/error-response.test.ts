import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ThrottledError,
  UnauthorizedError,
  UpstreamError,
  ValidationError,
} from './app-errors.ts';
import { dispositionOf, toErrorResponse } from './error-response.ts';

describe('typed errors', () => {
  it.each([
    [new ValidationError('bad phone'), 400, 'validation', 'dead-letter'],
    [new UnauthorizedError('no token'), 401, 'unauthorized', 'dead-letter'],
    [new ForbiddenError('Viewer cannot send'), 403, 'forbidden', 'dead-letter'],
    [new NotFoundError('no such contact'), 404, 'not-found', 'dead-letter'],
    [new ConflictError('already stored'), 409, 'conflict', 'drop'],
    [new ThrottledError('slow down'), 429, 'throttled', 'retry'],
    [new UpstreamError('EUM down'), 502, 'upstream', 'retry'],
    [new UpstreamError('Meta refused the payload', { retryable: false }), 502, 'upstream', 'dead-letter'],
  ])('%s maps to HTTP %i and %s, disposition %s', (error, status, code, disposition) => {
    const response = toErrorResponse(error);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: error.message });
    expect(dispositionOf(error)).toBe(disposition);
    expect(error.name).toBe(error.constructor.name);
  });

  it('shows safe details but hides the message of an unexpected error', () => {
    expect(
      toErrorResponse(new ValidationError('bad', { details: { field: 'to' } })).body.error.details,
    ).toEqual({ field: 'to' });
    const unexpected = toErrorResponse(
      new TypeError('cannot read properties of undefined (reading "secret")'),
    );
    expect(unexpected).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'Internal error' } },
    });
    expect(dispositionOf(new TypeError('boom'))).toBe('retry');
  });

  it('keeps the cause for the logs', () => {
    const cause = new Error('socket hang up');
    expect(new UpstreamError('send failed', { cause }).cause).toBe(cause);
  });
});
