import * as z from 'zod';
import type { BusinessDirectory } from '../business-directory.ts';
import { InboundParseError } from './inbound-parse-error.ts';
import { MetaNumericId } from './meta-primitives.ts';
import { errorFromZod } from './zod-issue.ts';

/**
 * The EUM Social envelope: which WABA and phone number the event concerns (Meta ids and AWS ARNs),
 * the AWS account, and Meta's webhook entry as a JSON string.
 *
 * @example
 * { "context": { "MetaWabaIds": [{ "wabaId": "1347766229904230", "arn": "arn:aws:social-messaging:us-east-1:809904170947:waba/0aae9cf04cf24c66960f291c793359b4" }],
 *                "MetaPhoneNumberIds": [{ "metaPhoneNumberId": "831049713436137", "arn": "arn:aws:social-messaging:us-east-1:809904170947:phone-number-id/baa217c3f11b4ffd956f6f3afb44ce54" }] },
 *   "whatsAppWebhookEntry": "{\"id\":\"1347766229904230\",\"changes\":[…]}",
 *   "aws_account_id": "809904170947", "message_timestamp": "2026-01-18T08:14:04.923Z", "messageId": "6d69f07a-c317-4278-9d5c-6a84078419ec" }
 */
const Envelope = z.object({
  context: z.object({
    MetaWabaIds: z
      .array(z.object({ wabaId: MetaNumericId, arn: z.string().max(512) }))
      .min(1)
      .max(25),
    MetaPhoneNumberIds: z
      .array(z.object({ metaPhoneNumberId: MetaNumericId, arn: z.string().max(512) }))
      .max(25),
  }),
  aws_account_id: z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' }),
  message_timestamp: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, {
      error: 'must be an ISO-8601 timestamp',
    }),
  messageId: z.string().min(1).max(128).optional(),
});

export interface Envelope {
  awsAccountId: string;
  messageId: string | null;
  metaWabaIds: ReadonlySet<string>;
  metaPhoneNumberIds: ReadonlySet<string>;
  /** Still a string: it is the next layer. */
  webhookEntry: unknown;
}

export function envelopeOf(value: Record<string, unknown>, directory: BusinessDirectory): Envelope {
  const parsed = Envelope.safeParse(value);
  if (!parsed.success) throw errorFromZod(parsed.error, 'envelope', 'envelope', value);
  const envelope = parsed.data;
  if (envelope.aws_account_id !== directory.accountId) {
    throw new InboundParseError(
      'unknown-account',
      'envelope',
      "envelope.aws_account_id is not the business's AWS account",
    );
  }
  const { MetaWabaIds, MetaPhoneNumberIds } = envelope.context;
  const metaWabaIds = new Set<string>();
  const metaPhoneNumberIds = new Set<string>();
  for (let index = 0; index < MetaWabaIds.length; index += 1) {
    const waba = MetaWabaIds[index] as (typeof MetaWabaIds)[number];
    const known = directory.wabaByMetaId.get(waba.wabaId);
    if (!known) {
      throw new InboundParseError(
        'unknown-waba',
        'envelope',
        `envelope.context.MetaWabaIds[${index}].wabaId ${waba.wabaId} is not one of the business's WABAs`,
      );
    }
    if (!known.arns.has(waba.arn))
      throw arnMismatch(`envelope.context.MetaWabaIds[${index}].arn`, 'WABA', directory);
    metaWabaIds.add(waba.wabaId);
  }
  for (let index = 0; index < MetaPhoneNumberIds.length; index += 1) {
    const phone = MetaPhoneNumberIds[index] as (typeof MetaPhoneNumberIds)[number];
    const known = directory.phoneByMetaId.get(phone.metaPhoneNumberId);
    if (!known) {
      throw new InboundParseError(
        'unknown-phone-number',
        'envelope',
        `envelope.context.MetaPhoneNumberIds[${index}].metaPhoneNumberId ${phone.metaPhoneNumberId} is not one of the business's numbers`,
      );
    }
    if (!known.arns.has(phone.arn))
      throw arnMismatch(`envelope.context.MetaPhoneNumberIds[${index}].arn`, 'phone number', directory);
    metaPhoneNumberIds.add(phone.metaPhoneNumberId);
  }
  return {
    awsAccountId: envelope.aws_account_id,
    messageId: envelope.messageId ?? null,
    metaWabaIds,
    metaPhoneNumberIds,
    webhookEntry: value.whatsAppWebhookEntry,
  };
}

/**
 * An EUM Social ARN must name the business's account and region and the AWS id that belongs to the
 * Meta id beside it (AWS writes that id with or without its `waba-` / `phone-number-id-` prefix).
 */
function arnMismatch(path: string, what: string, directory: BusinessDirectory): InboundParseError {
  return new InboundParseError(
    'context-mismatch',
    'envelope',
    `${path} does not name the business's ${what} in account ${directory.accountId}`,
  );
}
