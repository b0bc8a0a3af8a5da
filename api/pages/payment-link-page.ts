import { html } from 'hono/html';
import type { OpenedLink } from '#channels/links/open-short-link.ts';
import { rupees } from '#kb/catalog/price-breakdown.ts';
import { page } from './layout.ts';

const statusInWords: Record<string, string> = {
  issued: 'Waiting for payment',
  paid: 'Paid',
  'pending-approval': 'Waiting for our approval',
  confirmed: 'Confirmed',
  rejected: 'Cancelled',
  declined: 'Cancelled',
  quoted: 'Quoted',
};

/**
 * The page a customer sees from a payment link: what the invoice is for, its price, GST and total,
 * and its state. Until a payment gateway is connected it says that no money moves here.
 */
export function paymentLinkPage(opened: OpenedLink) {
  if (!opened.found)
    return page(
      'Link not found',
      html`<main class="payment">
        <h1 class="brand">WECARE<span>.DIGITAL</span></h1>
        <p>This link does not exist or has expired. Ask us on WhatsApp for a new one.</p>
      </main>`,
    );
  const { invoice } = opened;
  return page(
    'Pay WECARE.DIGITAL',
    html`<main class="payment">
      <h1 class="brand">WECARE<span>.DIGITAL</span></h1>
      <p class="service">${invoice.description}</p>
      <dl class="breakdown">
        <dt>Price</dt>
        <dd>${rupees(invoice.pricePaise)}</dd>
        <dt>GST ${invoice.gstRateBasisPoints / 100}%</dt>
        <dd>${rupees(invoice.gstPaise)}</dd>
        <dt>Total</dt>
        <dd class="amount">${rupees(invoice.amountPaise)}</dd>
      </dl>
      <p>Invoice ${invoice.id} · <span class="status">${statusInWords[invoice.status] ?? invoice.status}</span></p>
      <p class="tagline">No payment gateway is connected yet: no money moves on this page.</p>
    </main>`,
  );
}
