import { z } from 'zod';
import { AwsServiceError } from './stand-in-api.ts';

/**
 * Errors a test or the simulator asks the stand-in to return on the next calls of an operation,
 * to exercise failure paths the happy world never produces (an outage, Meta refusing access).
 */
export const FaultRequest = z.object({
  api: z.string().min(1),
  operation: z.string().min(1),
  errorType: z.string().regex(/^[A-Za-z]+$/),
  status: z.number().int().min(400).max(599),
  message: z.string().default('Injected by the local stand-in'),
  count: z.number().int().min(1).max(10_000).default(1),
  /** Only calls about this subject (the API says what a call is about, e.g. a send's recipient): tests running side by side do not take each other's faults. */
  subject: z.string().min(1).optional(),
  /**
   * The share of matching calls that fail (0.1: one in ten, evenly spread), until `count` have
   * failed; by default every matching call does.
   */
  share: z.number().gt(0).max(1).default(1),
});
export type FaultRequest = z.infer<typeof FaultRequest>;

export class Faults {
  private readonly pending: Array<FaultRequest & { seen: number; failed: number }> = [];
  /** Faults that have failed all their `count` calls, kept for the report until cleared. */
  private readonly spent: Array<FaultRequest & { seen: number; failed: number }> = [];

  inject(fault: z.input<typeof FaultRequest>): void {
    this.pending.push({ ...FaultRequest.parse(fault), seen: 0, failed: 0 });
  }

  /** Each fault's operation (pending or spent) with the calls it saw and those it failed (benchmarks print it). */
  report(): Array<{ operation: string; seen: number; failed: number }> {
    return [...this.spent, ...this.pending].map(({ operation, seen, failed }) => ({
      operation,
      seen,
      failed,
    }));
  }

  clear(): void {
    this.pending.length = 0;
    this.spent.length = 0;
  }

  /**
   * The error to return for this call, if a pending fault's turn has come; each use counts down.
   * Every matching fault sees the call until one fails it, so a fault failing a share of calls
   * does not hide another on the same operation.
   */
  take(api: string, operation: string, subject?: string): AwsServiceError | undefined {
    for (const [index, fault] of this.pending.entries()) {
      if (fault.api !== api || fault.operation !== operation) continue;
      if (fault.subject !== undefined && fault.subject !== subject) continue;
      // The nth matching call fails when it crosses a multiple of 1/share: 0.1 fails the 10th, 20th…
      fault.seen += 1;
      if (Math.floor(fault.seen * fault.share) === Math.floor((fault.seen - 1) * fault.share)) continue;
      fault.count -= 1;
      fault.failed += 1;
      if (fault.count <= 0) {
        this.pending.splice(index, 1);
        this.spent.push(fault);
      }
      return new AwsServiceError(fault.errorType, fault.status, fault.message);
    }
    return undefined;
  }
}
