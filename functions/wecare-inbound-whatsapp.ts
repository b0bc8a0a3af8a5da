import type { Context } from 'aws-lambda';
import { handleInboundEvent } from '#channels/whatsapp/inbound/handle-inbound-event.ts';
import { lambdaShell } from './lambda-shell.ts';
import { inbound } from './parts/inbound.ts';

/**
 * `wecare-inbound-whatsapp`: SNS (EUM Social events) → parse → store → a job for the bot. Each
 * record stands alone: a bad one is dead-lettered as it arrived; one that failed for a passing
 * reason makes the invocation fail, so that Lambda's asynchronous retries (and then its
 * on-failure destination, the same dead-letter queue) take over. Every step is conditional or
 * converges, so retrying the records that did succeed is harmless.
 */
export const handler = lambdaShell(
  'wecare-inbound-whatsapp',
  async (event: unknown, _context: Context, { count }) => {
    const report = await handleInboundEvent(event as object, inbound());
    const stored = report.processed.reduce((sum, record) => sum + record.stored, 0);
    count('InboundMessagesStored', stored);
    count(
      'InboundStatuses',
      report.processed.reduce((sum, record) => sum + record.statuses, 0),
    );
    count('InboundDeadLettered', report.deadLettered.length);
    if (report.retry.length > 0) {
      throw new Error(
        `${report.retry.length} of ${report.records} record(s) need a retry: ${report.retry.map((item) => item.message).join('; ')}`,
      );
    }
    return {
      records: report.records,
      processed: report.processed.length,
      deadLettered: report.deadLettered.length,
    };
  },
);
