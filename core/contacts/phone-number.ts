import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { ValidationError } from '#core/errors/app-errors.ts';

/**
 * A phone number as people type it (`+91 98765 43210`, `09876543210`, `919876543210`,
 * `98765-43210`) as E.164 digits without the plus (`919876543210`): WhatsApp's `wa_id` and the
 * contacts' `by-phone` key. A number without a country is India's (the business's); one written
 * with its country code but no plus is read as international when that makes a valid number.
 * Parsed and validated by libphonenumber-js (its metadata), undefined when it is no valid number.
 */
export function e164Digits(typed: string, defaultCountry: 'IN' = 'IN'): string | undefined {
  const cleaned = typed.trim().replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,16}$/.test(cleaned) && !/^00\d{6,16}$/.test(cleaned)) return undefined;
  const candidates = cleaned.startsWith('+')
    ? [cleaned]
    : cleaned.startsWith('00')
      ? [`+${cleaned.slice(2)}`]
      : cleaned.length > 10 && !cleaned.startsWith('0')
        ? [`+${cleaned}`, cleaned]
        : [cleaned];
  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
    if (parsed?.isValid()) return parsed.number.slice(1);
  }
  return undefined;
}

/** As `e164Digits`, or a 400 naming the field. */
export function requirePhone(typed: string, field = 'phone'): string {
  const digits = e164Digits(typed);
  if (!digits)
    throw new ValidationError(`${field}: not a phone number we can reach (${typed.slice(0, 32)})`, {
      details: { field },
    });
  return digits;
}
