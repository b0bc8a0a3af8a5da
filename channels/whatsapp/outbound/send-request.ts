import * as z from 'zod';
import { IdempotencyKey, SentBy } from '../../delivery/outbound-request.ts';
import { OutboundContent } from './outbound-content.ts';

/**
 * A request to send one WhatsApp message. `idempotencyKey` names the send (e.g. `reply:<inbound
 * wamid>`): however often the request is repeated, the customer gets the message once.
 */
export const SendWhatsAppRequest = z.object({
  idempotencyKey: IdempotencyKey,
  /** The business number: EUM id, Meta id or display number. */
  from: z.string().min(1).max(128),
  /** The customer's WhatsApp id (international number, digits; a leading + is dropped). */
  to: z
    .string()
    .transform((value) => value.replace(/^\+/, ''))
    .pipe(z.string().regex(/^\d{6,15}$/, { error: 'must be an international phone number (digits)' })),
  content: OutboundContent,
  /** The wamid this message replies to. */
  replyTo: z
    .string()
    .regex(/^wamid\.[A-Za-z0-9+/=_-]+$/)
    .optional(),
  sentBy: SentBy,
  /**
   * The customer messages this send answers (`<receivedMs>|<wamid>`, as pending on the
   * conversation): once it is delivered they are settled, also when that happens later, from the
   * outbound dead-letter queue's replay.
   */
  settles: z
    .object({
      entries: z
        .array(z.string().regex(/^\d+\|wamid\.[A-Za-z0-9+/=_-]+$/))
        .min(1)
        .max(100),
    })
    .optional(),
});
export type SendWhatsAppRequest = z.infer<typeof SendWhatsAppRequest>;
export type SendWhatsAppRequestInput = z.input<typeof SendWhatsAppRequest>;
