import { AppError, type AppErrorOptions } from '#core/errors/app-errors.ts';

/**
 * A free-form message to a customer whose last message is 24 hours old or older. Meta would refuse
 * it (131047); we refuse it first, loudly, and say what to do instead.
 */
export class WindowClosedError extends AppError {
  readonly code = 'window-closed';
  readonly httpStatus = 422;
  readonly disposition = 'dead-letter';

  constructor(lastInboundAt: string | null, options: AppErrorOptions = {}) {
    super(
      lastInboundAt
        ? `The 24-hour window closed: the customer last wrote at ${lastInboundAt}. Send an approved template instead.`
        : 'The customer has never written to this number, so no 24-hour window is open. Send an approved template instead.',
      { ...options, details: { ...options.details, lastInboundAt, remedy: 'send-template' } },
    );
  }
}
