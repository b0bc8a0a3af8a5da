import { outboundFunction } from './outbound-function.ts';
import { emailSender } from './parts/email-sender.ts';

/**
 * `wecare-outbound-email`: sends one email. The event is the send request itself, parsed at
 * the boundary by the sender (a bad one is a 400 result, never a crash); its idempotency key
 * makes a repeated invocation, or a replay, send nothing twice.
 */
export const handler = outboundFunction('wecare-outbound-email', emailSender);
