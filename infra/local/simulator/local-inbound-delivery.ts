import type { Logger } from '@aws-lambda-powertools/logger';
import {
  handleInboundEvent,
  type InboundDependencies,
  type InboundReport,
} from '#channels/whatsapp/inbound/handle-inbound-event.ts';
import type { DeadLetterQueue } from '#core/dead-letters/dead-letter-queue.ts';

/**
 * What SNS and Lambda do for the inbound function in AWS, on one machine: deliver the event to
 * the handler, retry it when the handler asks (Lambda retries an asynchronous invocation twice),
 * and after the last attempt put it on the dead-letter queue (Lambda's on-failure destination).
 */
export class LocalInboundDelivery {
  constructor(
    private readonly dependencies: InboundDependencies,
    private readonly deadLetters: Pick<DeadLetterQueue, 'send'>,
    private readonly logger: Logger,
    private readonly retryDelaysMs: readonly number[] = [1_000, 2_000],
  ) {}

  /** Delivers in the background, as SNS does: the sender does not wait for the handler. */
  deliver(event: object): void {
    void this.deliverNow(event).catch((error: unknown) =>
      this.logger.error('Local inbound delivery failed', { error }),
    );
  }

  async deliverNow(event: object): Promise<InboundReport> {
    for (let attempt = 0; ; attempt += 1) {
      let report: InboundReport;
      try {
        report = await handleInboundEvent(event, this.dependencies);
      } catch (error) {
        report = {
          records: 0,
          processed: [],
          deadLettered: [],
          retry: [{ index: -1, message: error instanceof Error ? error.message : String(error) }],
        };
      }
      if (report.retry.length === 0) return report;
      const delay = this.retryDelaysMs[attempt];
      if (delay === undefined) {
        await this.deadLetters.send({
          kind: 'whatsapp-inbound',
          error: { code: 'retries-exhausted', message: report.retry.map((item) => item.message).join('; ') },
          disposition: 'retry',
          payload: event,
        });
        return report;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
