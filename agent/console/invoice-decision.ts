import { type CustomerLanguage, conversationLanguage } from '#agent/answer/customer-language.ts';
import { notApprovedMessage, paymentLinkMessage } from '#agent/quotes/quote-messages.ts';
import type { Invoice } from '#core/stores/invoice-store.ts';
import { rupees } from '#kb/catalog/price-breakdown.ts';
import { approveInvoice, rejectInvoice } from '#tools/invoice-approval.ts';
import type { ConsoleDesk } from './console-desk.ts';
import { customerName } from './conversation-view.ts';
import { windowOf } from './inbox-item.ts';

export interface InvoiceDecision {
  invoice: { id: string; status: string; amountPaise: number; currency: string };
  url?: string;
  /** The message that told the customer, or why none could go out (the decision stands either way). */
  customerTold: { wamid: string } | { problem: string };
}

/** An Operator approves an invoice waiting for approval: it is issued and its payment link goes to the customer. */
export async function approve(
  desk: ConsoleDesk,
  invoiceId: string,
  operatorId: string,
): Promise<InvoiceDecision> {
  const { invoice, url } = await approveInvoice(desk, invoiceId, operatorId);
  const customerTold = await tell(
    desk,
    invoice,
    operatorId,
    'approved',
    async (name, windowOpen, language) =>
      windowOpen
        ? // The same message, in the customer's language, as a link the customer confirmed without approval.
          { type: 'text', body: paymentLinkMessage(language, invoice.description, url, invoice) }
        : {
            type: 'template',
            name: 'payment_link',
            language: 'en_US',
            body: [name ?? 'there', invoice.id, rupees(invoice.amountPaise), url].map((text) => ({
              type: 'text',
              text,
            })),
          },
  );
  return { invoice: summary(invoice), url, customerTold };
}

/** An Operator rejects an invoice waiting for approval; the customer is told. */
export async function reject(
  desk: ConsoleDesk,
  invoiceId: string,
  operatorId: string,
  reason: string,
): Promise<InvoiceDecision> {
  const invoice = await rejectInvoice(desk, invoiceId, operatorId, reason);
  const customerTold = await tell(
    desk,
    invoice,
    operatorId,
    'rejected',
    async (name, windowOpen, language) =>
      windowOpen
        ? { type: 'text', body: notApprovedMessage(language, invoice.description, invoice) }
        : {
            type: 'template',
            name: 'support_followup',
            language: 'en_US',
            body: [{ type: 'text', text: name ?? 'there' }],
          },
  );
  return { invoice: summary(invoice), customerTold };
}

function summary(invoice: Invoice) {
  return {
    id: invoice.id,
    status: invoice.status,
    amountPaise: invoice.amountPaise,
    currency: invoice.currency,
  };
}

/** Sends the decision to the invoice's customer, once (the key names the decision); a failure is reported, not thrown. */
async function tell(
  desk: ConsoleDesk,
  invoice: Invoice,
  operatorId: string,
  decision: 'approved' | 'rejected',
  content: (
    name: string | null,
    windowOpen: boolean,
    language: CustomerLanguage,
  ) => Promise<Record<string, unknown>>,
): Promise<InvoiceDecision['customerTold']> {
  const conversation = await desk.conversations.get(invoice.conversationId);
  if (!conversation) return { problem: 'The invoice has no conversation to write to.' };
  try {
    const { wamid } = await desk.sender.send({
      idempotencyKey: `invoice-${decision}:${invoice.id}`,
      from: conversation.businessPhoneNumberId,
      to: conversation.customerWaId,
      content: await content(
        await customerName(desk, conversation),
        windowOf(conversation, Date.now()).open,
        conversationLanguage(
          (conversation.recentTurns ?? [])
            .filter((turn) => turn.role === 'customer')
            .map((turn) => turn.text),
        ),
      ),
      sentBy: { kind: 'agent', agentId: operatorId },
    });
    return { wamid };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    await desk.audit.record({
      actorId: operatorId,
      action: 'invoice-notice-failed',
      conversationId: conversation.id,
      details: { invoiceId: invoice.id, decision, problem },
    });
    return { problem };
  }
}
