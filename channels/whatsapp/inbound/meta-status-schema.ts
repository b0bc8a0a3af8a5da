import * as z from 'zod';
import { MetaError } from './meta-message-schema.ts';
import { UnixSeconds, WaId, Wamid } from './meta-primitives.ts';

/**
 * One delivery status of Meta's `statuses` webhook: sent, delivered, read and failed, plus the
 * accepted, deleted and warning values EUM Social passes on. Pricing comes in both the
 * conversation-based (CBP) and per-message (PMP) models; errors in the current shape
 * (`message`, `error_data.details`) and the older one (`title` only, or `details`).
 *
 * @example
 * { "id": "wamid.HBgMOTE5ODc2NTQzMjEwFQIAERgSQjQ1RkUxQkE4QzE1RjA5MjI0AA==", "status": "read",
 *   "timestamp": "1767000300", "recipient_id": "919876543210",
 *   "pricing": { "billable": true, "pricing_model": "PMP", "category": "service", "type": "free_customer_service" } }
 */
export const statusValues = [
  'accepted',
  'sent',
  'delivered',
  'read',
  'failed',
  'deleted',
  'warning',
] as const;
export type StatusValue = (typeof statusValues)[number];

const Conversation = z
  .object({
    id: z.string().min(1).max(256),
    expiration_timestamp: UnixSeconds.optional(),
    origin: z.object({ type: z.string().min(1).max(64) }).optional(),
  })
  .transform((conversation) => ({
    id: conversation.id,
    expirationTimestamp: conversation.expiration_timestamp ?? null,
    origin: conversation.origin ? { type: conversation.origin.type } : null,
  }));

const Pricing = z
  .object({
    billable: z.boolean().optional(),
    pricing_model: z.enum(['CBP', 'PMP', 'NBP']),
    category: z.string().min(1).max(64),
    type: z.string().max(64).optional(),
  })
  .transform((pricing) => ({
    billable: pricing.billable ?? null,
    pricingModel: pricing.pricing_model,
    category: pricing.category,
    type: pricing.type ?? null,
  }));

export const MetaStatus = z.object({
  id: Wamid,
  status: z.enum(statusValues, { error: `must be one of ${statusValues.join(', ')}` }),
  timestamp: UnixSeconds,
  recipient_id: WaId,
  recipient_type: z.string().max(32).optional(),
  conversation: Conversation.optional(),
  pricing: Pricing.optional(),
  errors: z.array(MetaError).max(20).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
});
export type MetaStatus = z.infer<typeof MetaStatus>;
