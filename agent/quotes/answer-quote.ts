import type { Config } from '#core/config/config-schema.ts';
import { ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { Invoice, InvoiceStore } from '#core/stores/invoice-store.ts';
import type { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { findService } from '#kb/catalog/service-catalog.ts';
import type { EffectGuard } from '#tools/agent-tool.ts';
import type { AgentAnswer } from '../answer/answer-customer.ts';
import type { CustomerLanguage } from '../answer/customer-language.ts';
import type { QuoteDecision } from './quote-decision.ts';
import {
  awaitingApprovalMessage,
  declinedMessage,
  paymentLinkMessage,
  quoteClosedMessage,
  serviceName,
} from './quote-messages.ts';

export interface QuoteDependencies {
  config: Config;
  invoices: InvoiceStore;
  catalog: CatalogStore;
  audit: AuditStore;
}

/**
 * The customer answered a quote. A yes confirms it (only a quote of this conversation, still
 * quoted and unexpired: the condition is on the invoice write itself) and issues its payment record
 * and short link at the quoted amount, or, above the approval threshold, leaves it for an
 * Operator; a no declines it. A repeated tap finds the invoice as the first one left it and says
 * so again (the same link). The reply is the platform's own text: no model, no price from a model.
 */
export async function answerQuote(
  dependencies: QuoteDependencies,
  conversation: Conversation,
  decision: QuoteDecision,
  effects: EffectGuard,
  language: CustomerLanguage,
  now = new Date(),
): Promise<AgentAnswer> {
  const reply = (text: string, toolCalls: AgentAnswer['toolCalls'] = []): AgentAnswer => ({
    messages: [text],
    citations: [],
    toolCalls,
    handedOff: false,
  });
  const outcome = await effects.run(`quote-answer:${decision.invoiceId}`, async () => {
    const decided = await decide(dependencies, conversation, decision, now);
    if (decided?.status === 'confirmed') return dependencies.invoices.issue(decided, now);
    return decided;
  });
  if (!outcome) return reply(quoteClosedMessage(language));
  const name = await nameOf(dependencies.catalog, outcome, language);
  const url = `${dependencies.config.agent.shortLinkBaseUrl}${outcome.linkCode ?? ''}`;
  switch (outcome.status) {
    case 'issued':
      return reply(paymentLinkMessage(language, name, url, outcome), [
        { name: 'create_invoice_link', ok: true },
      ]);
    case 'pending-approval':
      return reply(awaitingApprovalMessage(language, name, outcome), [
        { name: 'create_invoice_link', ok: true },
      ]);
    case 'declined':
      return reply(declinedMessage(language));
    default:
      return reply(quoteClosedMessage(language));
  }
}

/** The invoice after the customer's answer, as the conditional write left it (or found it). */
async function decide(
  dependencies: QuoteDependencies,
  conversation: Conversation,
  decision: QuoteDecision,
  now: Date,
): Promise<Invoice | undefined> {
  const { invoices, audit, config } = dependencies;
  try {
    const decided = decision.accept
      ? await invoices.confirmQuote(decision.invoiceId, {
          conversationId: conversation.id,
          nowMs: now.getTime(),
          approvalAbovePaise: config.agent.invoiceApprovalAbovePaise,
        })
      : await invoices.declineQuote(decision.invoiceId, { conversationId: conversation.id });
    await audit.record({
      actorId: 'customer',
      action: decision.accept ? 'invoice-confirmed' : 'invoice-declined',
      conversationId: conversation.id,
      details: { invoiceId: decided.id, status: decided.status, amountPaise: decided.amountPaise },
    });
    return decided;
  } catch (error) {
    // Another customer's button, or a quote that is no longer open: nothing changes.
    if (error instanceof NotFoundError) return undefined;
    if (!(error instanceof ConflictError)) throw error;
    const current = await invoices.get(decision.invoiceId);
    if (!current || current.conversationId !== conversation.id) return undefined;
    // A second tap on yes: the answer the first one got (the same link). A quote that expired
    // unanswered, or one declined or rejected, is closed. A no after a yes leaves the invoice as it is.
    if (!decision.accept) return { ...current, status: 'declined' };
    return ['confirmed', 'pending-approval', 'issued'].includes(current.status) ? current : undefined;
  }
}

async function nameOf(catalog: CatalogStore, invoice: Invoice, language: CustomerLanguage): Promise<string> {
  const current = await catalog.current().catch(() => undefined);
  const service = current ? findService(current, invoice.serviceId) : undefined;
  return service ? serviceName(service, language) : invoice.description;
}
