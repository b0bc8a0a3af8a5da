import type { ConsoleDesk } from './console-desk.ts';

/** An invoice waiting for an Operator, as the inbox lists it. */
export interface AwaitingApproval {
  invoiceId: string;
  conversationId: string;
  customerWaId: string;
  customerName: string | null;
  description: string;
  amountPaise: number;
  currency: string;
  /** When the customer confirmed the quote (it has waited since). */
  waitingSinceMs: number;
}

/**
 * The invoices waiting for an Operator's approval, longest waiting first, with the name of the
 * customer each is for: the head of the inbox, above the conversations.
 */
export async function awaitingApproval(desk: ConsoleDesk, limit = 20): Promise<AwaitingApproval[]> {
  const invoices = await desk.invoices.awaitingApproval(limit);
  const conversations = new Map(
    await Promise.all(
      [...new Set(invoices.map((invoice) => invoice.conversationId))].map(
        async (id) => [id, await desk.conversations.get(id)] as const,
      ),
    ),
  );
  return invoices.map((invoice) => ({
    invoiceId: invoice.id,
    conversationId: invoice.conversationId,
    customerWaId: invoice.customerWaId,
    customerName: conversations.get(invoice.conversationId)?.customerProfileName || null,
    description: invoice.description,
    amountPaise: invoice.amountPaise,
    currency: invoice.currency,
    waitingSinceMs: invoice.confirmedAtMs ?? invoice.createdAtMs,
  }));
}
