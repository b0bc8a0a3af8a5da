/**
 * Caps applied before any parsing work, so that no input can cost more than they allow.
 * - An SNS message is at most 256 KiB (SNS's own limit); the Lambda event that carries one or a
 *   few is capped at 1 MiB (Lambda's asynchronous invocation payload limit).
 * - Each JSON layer may nest 16 levels; Meta's deepest real payload (contacts → phones) needs 9.
 * - A text body is at most 65,536 characters, WhatsApp's own limit for a message a person types.
 */
export const inboundLimits = {
  maxEventBytes: 1024 * 1024,
  maxSnsMessageBytes: 256 * 1024,
  maxRecords: 100,
  maxDepth: 16,
  maxTextBodyCharacters: 65_536,
  maxItemsPerChange: 1000,
} as const;
