/**
 * WhatsApp (Meta) error codes that reach us in failed statuses and API errors, with what they mean
 * for the business (Cloud API "Error codes"). Unknown codes keep Meta's own title.
 */
export interface WhatsAppErrorMeaning {
  title: string;
  meaning: string;
  retryable: boolean;
}

const meanings: Readonly<Record<number, WhatsAppErrorMeaning>> = {
  130429: {
    title: 'Rate limit hit',
    meaning: 'Too many messages sent from this number; retried with backoff.',
    retryable: true,
  },
  131056: {
    title: 'Pair rate limit hit',
    meaning: 'Too many messages to the same customer in a short time; retried later.',
    retryable: true,
  },
  131048: {
    title: 'Spam rate limit hit',
    meaning: 'Messages were limited because many were blocked or reported; slow down.',
    retryable: true,
  },
  131047: {
    title: 'Re-engagement message',
    meaning:
      'Window closed: more than 24 hours since the customer last wrote. Send an approved template instead.',
    retryable: false,
  },
  131026: {
    title: 'Message undeliverable',
    meaning:
      'Undeliverable: the number is not on WhatsApp, has not accepted the terms, or runs an old app version.',
    retryable: false,
  },
  131049: {
    title: 'Meta chose not to deliver',
    meaning: 'Not delivered to keep the ecosystem healthy (marketing frequency cap).',
    retryable: false,
  },
  131050: {
    title: 'User stopped marketing messages',
    meaning: 'The customer opted out of marketing messages from this business.',
    retryable: false,
  },
  131051: {
    title: 'Unsupported message type',
    meaning: 'The message type is not supported.',
    retryable: false,
  },
  131052: {
    title: 'Media download error',
    meaning: "The customer's media could not be downloaded.",
    retryable: true,
  },
  131053: {
    title: 'Media upload error',
    meaning: 'The media could not be uploaded: unsupported type or too large.',
    retryable: false,
  },
  132000: {
    title: 'Template parameter count mismatch',
    meaning: 'The template was sent with the wrong number of parameters.',
    retryable: false,
  },
  132001: {
    title: 'Template does not exist',
    meaning: 'The template name or language is not approved for this account.',
    retryable: false,
  },
  133010: {
    title: 'Phone number not registered',
    meaning: 'The business number is not registered on the Cloud API.',
    retryable: false,
  },
  368: {
    title: 'Temporarily blocked for policies violations',
    meaning: 'The business account is restricted by Meta.',
    retryable: false,
  },
};

export function whatsAppErrorMeaning(code: number, fallbackTitle?: string | null): WhatsAppErrorMeaning {
  return (
    meanings[code] ?? {
      title: fallbackTitle ?? `Error ${code}`,
      meaning: fallbackTitle ?? `WhatsApp error ${code}`,
      retryable: false,
    }
  );
}
