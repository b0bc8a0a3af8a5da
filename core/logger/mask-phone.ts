/**
 * A phone number fit for logs at info level: country code and last four digits kept, the rest
 * hidden ("+91 ******3210"). Full numbers are personal data and never go to logs unmasked.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const countryCodeLength = digits.length > 10 ? digits.length - 10 : 0;
  const countryCode = digits.slice(0, Math.min(countryCodeLength, 3));
  const hidden = digits.length - countryCode.length - 4;
  return `${countryCode ? `+${countryCode} ` : ''}${'*'.repeat(hidden)}${digits.slice(-4)}`;
}

/** A conversation id (`<business number id>#<customer wa_id>`) with the customer's number masked. */
export function maskConversationId(conversationId: string): string {
  const [business, customer] = conversationId.split('#');
  return customer === undefined ? maskPhone(conversationId) : `${business}#${maskPhone(customer)}`;
}
