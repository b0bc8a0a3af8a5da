import * as z from 'zod';
import type { Config } from '#core/config/config-schema.ts';
import { ForbiddenError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import type { AgentTool, ToolContext, ToolResult } from './agent-tool.ts';

const Input = z.object({
  description: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .describe('What the customer pays for, as named in the price list, e.g. "Website Starter".'),
  amountPaise: z
    .number()
    .int()
    .positive()
    .describe('The price in paise (₹1 = 100 paise), exactly as a Knowledge Base passage states it.'),
  currency: z.literal('INR').default('INR'),
});
type Input = z.infer<typeof Input>;

/** ₹14,999.00 from 1499900 paise. */
export function rupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * create_invoice_link: an invoice (InvoiceTable), its payment record (PayTable) and a short link
 * (LinkTable) for the conversation's own customer. Amounts are bounded; above the approval
 * threshold the invoice waits for an Operator, and the customer is told so. The same request
 * (same inbound message, description and amount) always yields the same invoice.
 */
export function createInvoiceLinkTool(
  config: Config,
  invoices: InvoiceStore,
  audit: AuditStore,
): AgentTool<Input> {
  return {
    name: 'create_invoice_link',
    description:
      'Create an invoice and a payment link for the customer in this conversation, for a service and price taken from the Knowledge Base passages. Never invent a price.',
    input: Input,
    authorize(_context, input) {
      if (input.amountPaise > config.agent.maxInvoicePaise) {
        throw new ForbiddenError(
          `Invoices above ${rupees(config.agent.maxInvoicePaise)} need a person from the team`,
        );
      }
      return input;
    },
    async execute(context: ToolContext, input: Input): Promise<ToolResult> {
      const { conversation } = context;
      const id = InvoiceStore.invoiceIdOf(
        conversation.id,
        context.requestId,
        input.description,
        input.amountPaise,
      );
      const needsApproval = input.amountPaise > config.agent.invoiceApprovalAbovePaise;
      const invoice = await context.effects.run(`invoice:${id}`, async () => {
        let created = await invoices.createOnce({
          id,
          conversationId: conversation.id,
          customerWaId: conversation.customerWaId,
          description: input.description,
          amountPaise: input.amountPaise,
          currency: input.currency,
          status: needsApproval ? 'pending-approval' : 'issued',
          requestId: context.requestId,
          createdAt: context.now.toISOString(),
          createdAtMs: context.now.getTime(),
          linkCode: null,
        });
        if (created.status === 'issued' && !created.linkCode)
          created = await invoices.issue(created, context.now);
        // Recorded within the effect: the audit says when the invoice was made, before any takeover could win.
        await audit.record({
          actorId: 'bot',
          action: 'invoice-created',
          conversationId: conversation.id,
          details: { invoiceId: created.id, amountPaise: created.amountPaise, status: created.status },
        });
        return created;
      });
      return {
        ok: true,
        data: {
          invoiceId: invoice.id,
          description: invoice.description,
          amountDisplay: rupees(invoice.amountPaise),
          status: invoice.status,
          ...(invoice.linkCode ? { url: `${config.agent.shortLinkBaseUrl}${invoice.linkCode}` } : {}),
        },
      };
    },
  };
}
