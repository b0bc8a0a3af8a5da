/**
 * The platform's typed errors (DESIGN.md §5). Each class owns, once, the HTTP status an API returns
 * for it and what an event handler does with the event that caused it:
 * - `retry`: the failure is transient (throttling, an upstream outage): let the delivery be retried;
 * - `dead-letter`: retrying cannot help (bad input, a missing or forbidden target): keep the original
 *   payload in a dead-letter store where it can be inspected and replayed;
 * - `drop`: the effect already happened or lost a race it should lose (a duplicate delivery).
 */
export type Disposition = 'drop' | 'retry' | 'dead-letter';

export interface AppErrorOptions {
  cause?: unknown;
  /** Safe-to-show facts about the failure (never secrets or full phone numbers). */
  details?: Readonly<Record<string, unknown>>;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly httpStatus: number;
  abstract readonly disposition: Disposition;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
  }
}

/** Input that does not match its schema or a business rule. */
export class ValidationError extends AppError {
  readonly code = 'validation';
  readonly httpStatus = 400;
  readonly disposition = 'dead-letter';
}

/** The caller is not signed in, or its token is not valid. */
export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
  readonly httpStatus = 401;
  readonly disposition = 'dead-letter';
}

/** The caller is known but may not do this (role, or a tool acting for another customer). */
export class ForbiddenError extends AppError {
  readonly code = 'forbidden';
  readonly httpStatus = 403;
  readonly disposition = 'dead-letter';
}

/** A file whose content (not its name) is of a type the destination does not take. */
export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'unsupported-media-type';
  readonly httpStatus = 415;
  readonly disposition = 'dead-letter';
}

/** A file or body larger than the destination allows. */
export class TooLargeError extends AppError {
  readonly code = 'too-large';
  readonly httpStatus = 413;
  readonly disposition = 'dead-letter';
}

export class NotFoundError extends AppError {
  readonly code = 'not-found';
  readonly httpStatus = 404;
  readonly disposition = 'dead-letter';
}

/** A condition failed: the item already exists, or another writer changed it first. */
export class ConflictError extends AppError {
  readonly code = 'conflict';
  readonly httpStatus = 409;
  readonly disposition = 'drop';
}

/**
 * The conversation is no longer the one the bot read (a person took it over, or another answer
 * holds it): the bot's effect must not happen, and its answer stops.
 */
export class ConversationChangedError extends AppError {
  readonly code = 'conversation-changed';
  readonly httpStatus = 409;
  readonly disposition = 'drop';
}

export class ThrottledError extends AppError {
  readonly code = 'throttled';
  readonly httpStatus = 429;
  readonly disposition = 'retry';
}

/** A dependency (AWS, Meta) failed. Retryable unless the upstream said the request itself is bad. */
export class UpstreamError extends AppError {
  readonly code = 'upstream';
  readonly httpStatus = 502;
  readonly disposition: Disposition;

  constructor(message: string, options: AppErrorOptions & { retryable?: boolean } = {}) {
    super(message, options);
    this.disposition = options.retryable === false ? 'dead-letter' : 'retry';
  }
}
