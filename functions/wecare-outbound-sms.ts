import { outboundFunction } from './outbound-function.ts';
import { smsSender } from './parts/sms-sender.ts';

/**
 * `wecare-outbound-sms`: sends one SMS. The event is the send request itself, parsed at
 * the boundary by the sender (a bad one is a 400 result, never a crash); its idempotency key
 * makes a repeated invocation, or a replay, send nothing twice.
 */
export const handler = outboundFunction('wecare-outbound-sms', smsSender);
