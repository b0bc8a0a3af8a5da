import type { BusinessDirectory } from '../business-directory.ts';
import { entryFactsOf } from './entry-layer.ts';
import { envelopeOf } from './envelope-layer.ts';
import { inboundLimits } from './inbound-limits.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import type { InboundRecord } from './inbound-types.ts';
import { parseJsonLayer } from './parse-json-layer.ts';
import { snsNotificationOf, snsRecordsOf } from './sns-layer.ts';

/** Refuses malformed UTF-8 instead of quietly replacing it with U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export type RecordOutcome =
  | { index: number; ok: true; record: InboundRecord; original: unknown }
  | { index: number; ok: false; error: InboundParseError; original: unknown };

/**
 * The one parse of an inbound WhatsApp event, shared by the Lambda handler, the CLI and the
 * dead-letter replay. Problems with the event as a whole throw; problems with one record are that
 * record's outcome, so its neighbours still go through. `original` is the record as received,
 * for the dead-letter queue.
 */
export function parseInboundEvent(
  input: string | Buffer | object,
  directory: BusinessDirectory,
): RecordOutcome[] {
  const event = eventObjectOf(input);
  const records = snsRecordsOf(event);
  const outcomes: RecordOutcome[] = [];
  for (let index = 0; index < records.length; index += 1) {
    const original = records[index];
    try {
      outcomes.push({ index, ok: true, record: parseRecord(original, index, directory), original });
    } catch (error) {
      if (!(error instanceof InboundParseError)) throw error;
      outcomes.push({ index, ok: false, error, original });
    }
  }
  return outcomes;
}

function parseRecord(original: unknown, index: number, directory: BusinessDirectory): InboundRecord {
  const notification = snsNotificationOf(original, index, directory.topicArn);
  const envelope = envelopeOf(
    parseJsonLayer(
      notification.message,
      'envelope',
      `Records[${index}].Sns.Message`,
      inboundLimits.maxSnsMessageBytes,
      true,
    ),
    directory,
  );
  const facts = entryFactsOf(envelope, directory);
  return {
    snsMessageId: notification.messageId,
    envelopeMessageId: envelope.messageId,
    awsAccountId: envelope.awsAccountId,
    ...facts,
  };
}

/**
 * The event as an object. Text and bytes get every check of `parseJsonLayer`; an object handed
 * over by the Lambda runtime is serialized once so that it gets the same size, depth and key checks.
 */
function eventObjectOf(input: string | Buffer | object): Record<string, unknown> {
  if (Buffer.isBuffer(input)) {
    if (input.length > inboundLimits.maxEventBytes)
      throw new InboundParseError(
        'too-large',
        'event',
        `event is larger than ${inboundLimits.maxEventBytes} bytes`,
      );
    let text: string;
    try {
      text = strictUtf8.decode(input);
    } catch {
      throw new InboundParseError('invalid-unicode', 'event', 'event is not valid UTF-8');
    }
    return parseJsonLayer(text, 'event', 'event', inboundLimits.maxEventBytes);
  }
  if (typeof input === 'string') return parseJsonLayer(input, 'event', 'event', inboundLimits.maxEventBytes);
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    throw new InboundParseError('too-deep', 'event', 'event cannot be serialized (too deep or circular)');
  }
  if (text === undefined) throw new InboundParseError('wrong-type', 'event', 'event must be a JSON object');
  return parseJsonLayer(text, 'event', 'event', inboundLimits.maxEventBytes);
}
