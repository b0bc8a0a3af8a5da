import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { awsClients } from '#core/aws/aws-clients.ts';
import { config } from '#core/config/load-config.ts';
import { handleInboundEvent } from '../inbound/handle-inbound-event.ts';
import { inboundDependencies } from '../inbound/inbound-dependencies.ts';

/**
 * The `wecare-inbound-whatsapp` Lambda: SNS (EUM Social events) → parse → store → hand over.
 * Bad records are dead-lettered by the handler itself; a record that failed for a passing reason
 * makes the invocation fail, so that Lambda's asynchronous retries (and then its on-failure
 * destination, the same dead-letter queue) take over. Every step is idempotent, so the retry of
 * the records that did succeed is harmless.
 */
const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: 'snsMessageId',
  expiresAfterSeconds: 7 * 24 * 60 * 60,
});
const dependencies = inboundDependencies(config(), awsClients(), { idempotency });

export async function handler(event: unknown, context: Context) {
  idempotency.registerLambdaContext(context);
  dependencies.logger.addContext(context);
  const report = await handleInboundEvent(event as object, dependencies);
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
}
