import { AppError } from '#core/errors/app-errors.ts';

/** The layer of an inbound event at which a problem was found, outermost first. */
export type InboundStage = 'event' | 'sns' | 'envelope' | 'entry' | 'message' | 'status';

/**
 * Why an inbound event (or one record of it) was refused: a machine-readable `code`, the `stage`
 * it was found at, and a one-line `message` with the path of the offending field. Bad input is
 * never retried: its original payload goes to the dead-letter queue.
 */
export class InboundParseError extends AppError {
  readonly httpStatus = 400;
  readonly disposition = 'dead-letter';

  constructor(
    readonly code: string,
    readonly stage: InboundStage,
    message: string,
  ) {
    super(oneLine(message));
  }

  toJSON(): { code: string; stage: InboundStage; message: string } {
    return { code: this.code, stage: this.stage, message: this.message };
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
