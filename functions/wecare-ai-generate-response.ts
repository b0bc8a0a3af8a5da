import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { answerPendingMessages } from '#agent/router/answer-pending-messages.ts';
import { AgentJob } from '#core/queues/agent-jobs.ts';
import { parseUntrustedJson } from '#core/safe-json/parse-untrusted-json.ts';
import { lambdaShell } from './lambda-shell.ts';
import { agentDeadLetters } from './parts/agent-dead-letters.ts';
import { bot } from './parts/bot.ts';

const processor = new BatchProcessor(EventType.SQS);

/**
 * `wecare-ai-generate-response`: the bot, on the agent queue. Each record is a job (a delayed
 * "this conversation may need an answer"); records are handled side by side and reported one by
 * one (partial batch response), so a job that failed for a passing reason comes back alone after
 * its visibility timeout, and after five receives waits in the agent dead-letter queue. A record
 * that is not a job at all is dead-lettered at once: retrying it cannot help.
 */
export const handler = lambdaShell(
  'wecare-ai-generate-response',
  async (event: SQSEvent, context: Context, { count, log }) => {
    const handleRecord = async (record: SQSRecord) => {
      const body = parseUntrustedJson(record.body, { maxBytes: 4096, maxDepth: 4 });
      const job = body.ok ? AgentJob.safeParse(body.value) : undefined;
      if (!job?.success) {
        const reason = body.ok ? job?.error.issues[0]?.message : body.problem.message;
        await agentDeadLetters().send({
          kind: 'agent-job',
          error: { code: 'validation', message: `The body ${reason ?? 'is not an agent job'}` },
          disposition: 'dead-letter',
          payloadText: record.body,
        });
        count('AgentJobsDeadLettered');
        log.warn('Agent job dead-lettered: not a job', { messageId: record.messageId });
        return;
      }
      const outcome = await answerPendingMessages(job.data, bot());
      count(`AgentJob-${outcome}`);
      log.debug('Agent job done', { reason: job.data.reason, outcome });
    };
    return processPartialResponse(event, handleRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  },
);
