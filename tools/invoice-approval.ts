import type { Config } from '#core/config/config-schema.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { Invoice, InvoiceStore } from '#core/stores/invoice-store.ts';

/**
 * An Operator's decision on an invoice the agent left pending (above the approval threshold):
 * approve issues its payment record and short link; reject closes it. Both are conditional on the
 * invoice still pending, and audited. (The console's buttons call these.)
 */
export async function approveInvoice(
  dependencies: { config: Config; invoices: InvoiceStore; audit: AuditStore },
  invoiceId: string,
  operatorId: string,
  now = new Date(),
): Promise<{ invoice: Invoice; url: string }> {
  await dependencies.invoices.markApprovedBy(invoiceId, operatorId);
  const pending = await dependencies.invoices.get(invoiceId);
  if (!pending) throw new Error(`Invoice ${invoiceId} vanished`);
  const invoice = await dependencies.invoices.issue(pending, now);
  await dependencies.audit.record({
    actorId: operatorId,
    action: 'invoice-approved',
    conversationId: invoice.conversationId,
    details: { invoiceId },
  });
  return { invoice, url: `${dependencies.config.agent.shortLinkBaseUrl}${invoice.linkCode ?? ''}` };
}

export async function rejectInvoice(
  dependencies: { invoices: InvoiceStore; audit: AuditStore },
  invoiceId: string,
  operatorId: string,
  reason: string,
): Promise<Invoice> {
  const invoice = await dependencies.invoices.reject(invoiceId, operatorId, reason);
  await dependencies.audit.record({
    actorId: operatorId,
    action: 'invoice-rejected',
    conversationId: invoice.conversationId,
    details: { invoiceId, reason },
  });
  return invoice;
}
