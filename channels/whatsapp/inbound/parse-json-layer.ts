import { parseUntrustedJson } from '#core/safe-json/parse-untrusted-json.ts';
import { inboundLimits } from './inbound-limits.ts';
import { InboundParseError, type InboundStage } from './inbound-parse-error.ts';

/**
 * One JSON layer of an inbound event (the Lambda event, the SNS message, the webhook entry), with
 * the size and depth caps checked before any parsing, and `null` or a non-object refused.
 */
export function parseJsonLayer(
  text: string,
  stage: InboundStage,
  what: string,
  maxBytes: number,
  /** A string value of the layer above, whose text was already checked for unpaired surrogates. */
  nested = false,
): Record<string, unknown> {
  const result = parseUntrustedJson(text, {
    maxBytes,
    maxDepth: inboundLimits.maxDepth,
    fromCheckedJson: nested,
  });
  if (!result.ok)
    throw new InboundParseError(result.problem.code, stage, `${what} ${result.problem.message}`);
  const value = result.value;
  if (value === null) throw new InboundParseError('null-field', stage, `${what} is null`);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InboundParseError(
      'wrong-type',
      stage,
      `${what} must be a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}
