import type {
  MessageContext,
  MessagePayload,
  MessageReferral,
  MessageType,
  MetaErrorFacts,
} from './meta-message-schema.ts';
import type { StatusValue } from './meta-status-schema.ts';

/** A customer's message, as the platform stores and routes it. */
export interface InboundMessage {
  wamid: string;
  /** The customer's WhatsApp id (digits). */
  from: string;
  profileName: string | null;
  type: MessageType;
  /** ISO-8601 UTC, from Meta's Unix-seconds `timestamp`. */
  timestamp: string;
  timestampUnix: string;
  /** Meta's phone number id of the business number that received it. */
  phoneNumberId: string;
  /** Meta's WABA id. */
  wabaId: string;
  payload: MessagePayload;
  context: MessageContext | null;
  referral: MessageReferral | null;
}

/** A delivery status of a message the business sent. */
export interface InboundStatus {
  wamid: string;
  status: StatusValue;
  recipientId: string;
  timestamp: string;
  timestampUnix: string;
  phoneNumberId: string;
  wabaId: string;
  errorCodes: number[];
  errorTitles: string[];
  errors: MetaErrorFacts[];
  pricing: { billable: boolean | null; pricingModel: string; category: string; type: string | null } | null;
  conversation: { id: string; expirationTimestamp: string | null; origin: { type: string } | null } | null;
  bizOpaqueCallbackData: string | null;
}

/** One SNS record: one EUM Social envelope holding one Meta webhook entry. */
export interface InboundRecord {
  snsMessageId: string;
  envelopeMessageId: string | null;
  awsAccountId: string;
  metaWabaId: string;
  phoneNumberId: string | null;
  displayPhoneNumber: string | null;
  messages: InboundMessage[];
  statuses: InboundStatus[];
  /** Webhook fields other than `messages` (template or account updates) that carry nothing to store. */
  ignoredFields: string[];
}
