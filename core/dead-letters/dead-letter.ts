import * as z from 'zod';

/**
 * What a dead-letter queue holds: the original payload exactly as it arrived (or, when too big
 * for SQS, where it was put in S3), why it failed, and enough to replay it.
 */
export const DeadLetter = z.object({
  kind: z.string().min(1),
  version: z.literal(1),
  id: z.string().min(1),
  failedAt: z.string(),
  error: z.object({ code: z.string(), stage: z.string().optional(), message: z.string() }),
  disposition: z.enum(['retry', 'dead-letter', 'drop']),
  /** The original payload, when it fits in the queue message. */
  payload: z.unknown().optional(),
  /** Raw text that was not JSON, kept as received. */
  payloadText: z.string().optional(),
  /** Claim check: the payload's S3 location when it was too big for SQS. */
  payloadS3: z.object({ bucket: z.string(), key: z.string() }).optional(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
