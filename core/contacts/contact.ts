import * as z from 'zod';
import { e164Digits } from './phone-number.ts';

/** The channels a contact can opt out of; every sender and bulk job respects each one. */
export const OptOut = z.object({
  whatsapp: z.boolean().default(false),
  sms: z.boolean().default(false),
  email: z.boolean().default(false),
});

/** A phone number in any format a person types, held as E.164 digits. */
export const TypedPhone = z
  .string()
  .max(32)
  .transform((typed, context) => {
    const digits = e164Digits(typed);
    if (!digits) {
      context.addIssue({ code: 'custom', message: 'not a phone number we can reach' });
      return z.NEVER;
    }
    return digits;
  });

/** What a person gives for a contact (the console's form, a CSV row). */
export const ContactFields = z.object({
  name: z.string().trim().min(1).max(120),
  phone: TypedPhone,
  email: z.email().max(254).toLowerCase().optional(),
  language: z.enum(['en', 'hi', 'bn']).optional(),
  notes: z.string().trim().max(2000).optional(),
  optOut: OptOut.default({ whatsapp: false, sms: false, email: false }),
});
export type ContactFields = z.infer<typeof ContactFields>;

/** A contact as ContactsTable holds it (a customer first seen on WhatsApp has the same shape). */
export const Contact = z.looseObject({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  email: z.string().optional(),
  language: z.string().optional(),
  notes: z.string().optional(),
  optOut: OptOut.default({ whatsapp: false, sms: false, email: false }),
  source: z.string().default('console'),
  whatsAppProfileName: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped by every change: an edit or delete names the version it saw. Contacts from before have none (0). */
  version: z.number().int().min(0).default(0),
});
export type Contact = z.infer<typeof Contact>;

/** The one id of the contact with this phone (so two writers of the same number meet on one item). */
export const contactIdOf = (phoneDigits: string) => `wa-${phoneDigits}`;
