import * as z from 'zod';
import { customerLanguage } from '#agent/answer/customer-language.ts';
import { quoteMessage, serviceName } from '#agent/quotes/quote-messages.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import type { Config } from '#core/config/config-schema.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { CustomerActionLimits } from '#core/stores/customer-action-limits.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { priceBreakdown } from '#kb/catalog/price-breakdown.ts';
import { findService, type ServiceCatalog } from '#kb/catalog/service-catalog.ts';
import type { AgentTool, ToolContext, ToolResult } from './agent-tool.ts';
import { refusedOverLimit } from './limit-refusal.ts';

/** The buttons of a quote: what the customer's tap sends back (agent/quotes/quote-decision.ts reads it). */
export function quoteButtonIds(invoiceId: string) {
  return { confirm: `quote:${invoiceId}:yes`, decline: `quote:${invoiceId}:no` };
}

/**
 * create_invoice_link: the model names a catalog service, and nothing else: the price, GST and
 * total come from the service catalog. The tool does not create a payment link yet: it sends the
 * customer a quote (service, price, GST, total) with two reply buttons, and records it as an
 * invoice in status `quoted`. Only the customer's tap on "Send payment link" (or a clear yes to
 * that quote) confirms it and creates the link (agent/quotes/answer-quote.ts), so a question that
 * merely mentions an invoice, or an instruction planted in a message, never produces one.
 *
 * Bounded: at most `invoicesPerCustomerPerHour` quotes per customer and hour (refused and audited
 * beyond), and never above `maxInvoicePaise`. The same request for the same service is one quote.
 */
export function createInvoiceLinkTool(dependencies: {
  config: Config;
  /** The catalog as this answer reads it (CatalogStore keeps it for a minute). */
  catalog: ServiceCatalog;
  invoices: InvoiceStore;
  audit: AuditStore;
  limits: CustomerActionLimits;
  sender: WhatsAppSender;
}): AgentTool<{ serviceId: string }> {
  const { config, catalog } = dependencies;
  const ids = catalog.services.map((service) => service.id) as [string, ...string[]];
  const Input = z.object({
    serviceId: z.enum(ids).describe('The id of the catalog service the customer asked to pay for.'),
  });
  return {
    name: 'create_invoice_link',
    description: `Offer the customer in this conversation a payment link for one catalog service they explicitly asked to buy or pay for. The platform shows them the catalog price with 18% GST and asks them to confirm; do not state the price yourself and do not call this for questions about prices, invoices or payments. Services: ${catalog.services
      .map((service) => `${service.id}: ${service.name.en}`)
      .join('; ')}.`,
    input: Input,
    authorize: (_context, input) => input,
    async execute(context: ToolContext, input): Promise<ToolResult> {
      const service = findService(catalog, input.serviceId);
      if (!service)
        return {
          ok: false,
          data: { error: 'unknown-service', message: `${input.serviceId} is no longer offered` },
        };
      const amounts = priceBreakdown(catalog, service);
      if (amounts.totalPaise > config.agent.maxInvoicePaise)
        return {
          ok: false,
          data: { error: 'needs-a-person', message: 'This amount needs a person from the team' },
        };
      const { conversation } = context;
      // Asked again while the same service's quote is still open: that quote again, so that two
      // quotes of one service can never become two payable links.
      const open = conversation.openQuote
        ? await dependencies.invoices.get(conversation.openQuote.invoiceId)
        : undefined;
      const reusable =
        open?.status === 'quoted' &&
        open.serviceId === service.id &&
        open.quoteExpiresAtMs > context.now.getTime();
      const id = reusable
        ? open.id
        : InvoiceStore.invoiceIdOf(conversation.id, context.requestId, service.id);
      const language = customerLanguage(context.question ?? '');
      const sent = await context.effects.run(`quote:${id}`, async () => {
        const existing = await dependencies.invoices.get(id);
        if (!existing) {
          const allowed = await dependencies.limits.take(
            conversation.customerWaId,
            'invoice',
            config.agent.invoicesPerCustomerPerHour,
            context.now.getTime(),
          );
          if (!allowed) return undefined;
        }
        const quote = await dependencies.invoices.createOnce({
          id,
          conversationId: conversation.id,
          customerWaId: conversation.customerWaId,
          serviceId: service.id,
          description: service.name.en,
          pricePaise: amounts.pricePaise,
          gstRateBasisPoints: amounts.gstRateBasisPoints,
          gstPaise: amounts.gstPaise,
          amountPaise: amounts.totalPaise,
          currency: 'INR',
          status: 'quoted',
          quoteExpiresAtMs: context.now.getTime() + config.agent.quoteValidityMs,
          requestId: context.requestId,
          createdAt: context.now.toISOString(),
          createdAtMs: context.now.getTime(),
          linkCode: null,
        });
        const message = await dependencies.sender.send({
          idempotencyKey: `quote:${quote.id}:${context.requestId}`,
          from: conversation.businessPhoneNumberId,
          to: conversation.customerWaId,
          content: quoteMessage(language, service, quote, quoteButtonIds(quote.id)),
          replyTo: context.requestId,
          sentBy: { kind: 'bot' },
        });
        await dependencies.audit.record({
          actorId: 'bot',
          action: 'invoice-quoted',
          conversationId: conversation.id,
          details: { invoiceId: quote.id, serviceId: service.id, amountPaise: quote.amountPaise },
        });
        return { invoiceId: quote.id, wamid: message.wamid };
      });
      if (!sent)
        return refusedOverLimit(dependencies.audit, context, {
          tool: 'create_invoice_link',
          limit: 'invoices-per-hour',
          message: 'Too many payment links for this customer this hour; offer a person.',
        });
      return {
        ok: true,
        data: { status: 'awaiting-confirmation', service: serviceName(service, language) },
        endsTurn: { quote: sent },
      };
    },
  };
}
