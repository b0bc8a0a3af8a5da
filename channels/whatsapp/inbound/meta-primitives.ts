import { z } from 'zod';

/**
 * Field shapes of Meta's webhook payloads. Meta sends ids and timestamps as strings; a number in
 * their place is refused, not coerced, because it means the payload was not produced by Meta.
 */

/** A WhatsApp message id: `wamid.` then base64. */
export const Wamid = z
  .string()
  .regex(/^wamid\.[A-Za-z0-9+/=_-]{1,512}$/, { error: 'must be a WhatsApp message id (wamid.…)' });

/** A WhatsApp user id: the phone number in international format, digits only. */
export const WaId = z.string().regex(/^\d{6,20}$/, { error: 'must be a WhatsApp id (digits only)' });

/** Meta's numeric ids (WABA, phone number, catalog), as strings. */
export const MetaNumericId = z.string().regex(/^\d{1,32}$/, { error: 'must be a numeric id in a string' });

/** Unix seconds as a decimal string, e.g. "1718000000". */
export const UnixSeconds = z
  .string()
  .regex(/^\d{9,11}$/, { error: 'must be Unix seconds as a string of digits' });

export const MediaId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { error: 'must be a media id' });

export const MimeType = z
  .string()
  .regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(\s*;.*)?$/i, { error: 'must be a MIME type such as image/jpeg' })
  .max(255);

/** A short display string (title, name, caption): present and of a bounded size. */
export const ShortText = (max = 4096) => z.string().max(max);

/** Converts the Unix-seconds string into the ISO-8601 UTC form we store and show. */
export function isoFromUnixSeconds(seconds: string): string {
  return new Date(Number(seconds) * 1000).toISOString();
}

/** A number Meta may send as a JSON number or as a numeric string (order quantities and prices). */
export const LooseNumber = z.union([
  z.number().finite(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { error: 'must be a number' })
    .transform(Number),
]);
