import type { ConsoleDesk } from '#agent/console/console-desk.ts';
import { answerPendingMessages } from '#agent/router/answer-pending-messages.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { platform } from '#functions/composition-root.ts';
import { bot as platformBot } from '#functions/parts/bot.ts';
import { newCustomerWaId } from './inbound-helpers.ts';
import { waitingMessage } from './waiting-message.ts';

/** What the console's tests work on, made through the platform's real paths. */
export const businessNumbers = {
  main: { metaPhoneNumberId: '831049713436137', metaWabaId: '1347766229904230' },
  second: { metaPhoneNumberId: '888782840987368', metaWabaId: '1390647332755815' },
};
const hourMs = 60 * 60 * 1000;

/** A customer writes; the bot answers it as the agent function would (a real path to each state). */
export async function customerWrites(
  text: string,
  options: { waId?: string; name?: string; number?: keyof typeof businessNumbers; at?: Date } = {},
) {
  const waId = options.waId ?? newCustomerWaId();
  const { conversation, wamid } = await waitingMessage(platform(), {
    number: businessNumbers[options.number ?? 'main'],
    waId,
    text,
    ...(options.name ? { profileName: options.name } : {}),
    ...(options.at ? { at: options.at } : {}),
  });
  const outcome = await answerPendingMessages(
    { jobId: `job-${wamid}`, conversationId: conversation.id, reason: 'reconcile', enqueuedAtMs: Date.now() },
    platformBot(),
  );
  return { waId, id: conversation.id, wamid, outcome };
}

/** An invoice the bot quoted that waits for an Operator's approval (as the invoice tool leaves it). */
export async function invoiceWaiting(
  desk: ConsoleDesk,
  conversationId: string,
  waId: string,
  serviceId: string,
) {
  const now = Date.now();
  return desk.invoices.createOnce({
    id: InvoiceStore.invoiceIdOf(conversationId, `wamid.${serviceId}`, serviceId),
    conversationId,
    customerWaId: waId,
    serviceId,
    description: 'Annual maintenance',
    pricePaise: 1_000_000,
    gstRateBasisPoints: 1800,
    gstPaise: 180_000,
    amountPaise: 1_180_000,
    currency: 'INR',
    status: 'pending-approval',
    quoteExpiresAtMs: now + hourMs,
    requestId: `wamid.${serviceId}`,
    createdAt: new Date(now).toISOString(),
    createdAtMs: now,
    linkCode: null,
  });
}
