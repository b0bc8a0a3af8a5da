import * as z from 'zod';

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

/**
 * Converts the Unix-seconds string into the ISO-8601 UTC form we store and show. Computed with
 * integer arithmetic (days to civil date, H. Hinnant's algorithm) because it runs for every
 * message and status, and a Date object per call costs several times more.
 */
export function isoFromUnixSeconds(seconds: string): string {
  const total = Number(seconds);
  const days = Math.floor(total / 86_400);
  const secondOfDay = total - days * 86_400;
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(secondOfDay % 60)}.000Z`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** A number Meta may send as a JSON number or as a numeric string (order quantities and prices). */
export const LooseNumber = z.union([
  z.number().finite(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { error: 'must be a number' })
    .transform(Number),
]);
