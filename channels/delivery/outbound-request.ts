import * as z from 'zod';
import { ValidationError } from '#core/errors/app-errors.ts';

/** A Knowledge Base passage a bot reply rests on: the customer sees the title, the console all three. */
const Citation = z.object({
  title: z.string().min(1).max(200),
  uri: z.string().min(1).max(1024),
  chunkId: z.string().max(256).nullable(),
});

/**
 * Who a message goes out for: the bot (with the passages its answer rests on, kept on the message
 * record), a human agent, or the system (reminders, OTPs, benchmarks).
 */
export const SentBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bot'), citations: z.array(Citation).max(10).optional() }),
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('system'), reason: z.string().min(1).max(256) }),
]);

/** Names one send: however often the request is repeated, the message goes out once. */
export const IdempotencyKey = z.string().min(8).max(256);

/** A send request parsed at the boundary; a mismatch is a ValidationError naming the field. */
export function parseOutboundRequest<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || 'request';
  throw new ValidationError(`${path}: ${issue?.message ?? 'invalid'}`, { details: { path } });
}
