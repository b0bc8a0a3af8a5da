import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { answerQuote } from '#agent/quotes/answer-quote.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { CustomerActionLimits } from '#core/stores/customer-action-limits.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { newWamid } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import { toolContext } from '../test/tool-context.ts';
import type { ToolContext } from './agent-tool.ts';
import { createInvoiceLinkTool, quoteButtonIds } from './create-invoice-link.ts';
import { approveInvoice } from './invoice-approval.ts';
import { runTool } from './run-tool.ts';

const config = testConfig();
const clients = testClients();
const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
const invoices = new InvoiceStore(clients.documents, {
  invoice: config.tables.invoice,
  pay: config.tables.pay,
  link: config.tables.link,
});
const catalogStore = CatalogStore.fromConfig(clients.s3, config);
const limits = new CustomerActionLimits(clients.documents, config.tables.idempotency);
const quotes = { config, invoices, catalog: catalogStore, audit };
const get = (table: string, id: string) =>
  clients.documents.send(new GetCommand({ TableName: table, Key: { id } })).then((found) => found.Item);

async function invoiceTool() {
  const catalog = await catalogStore.current();
  return createInvoiceLinkTool({
    config,
    catalog,
    invoices,
    audit,
    limits,
    sender: whatsAppSender(config, clients),
  });
}

/** The model asks for a service (with whatever else it adds); the quote the tool made of it. */
async function quoted(ctx: ToolContext, args: Record<string, unknown>) {
  const result = await runTool(await invoiceTool(), ctx, args, audit);
  const invoiceId = result.endsTurn?.quote?.invoiceId;
  return { result, invoiceId, invoice: invoiceId ? await invoices.get(invoiceId) : undefined };
}

describe('create_invoice_link: a quote at the catalog price, never a link', () => {
  it("quotes the catalog's price with 18% GST to the conversation's customer, with buttons, whatever amount or number the model adds", async () => {
    const ctx = { ...(await toolContext()), question: 'I want to buy the Website Starter' };
    const { result, invoice } = await quoted(ctx, {
      serviceId: 'website-starter',
      amountPaise: 100,
      description: 'Website Starter for ₹1',
      customerWaId: '919999999999',
    });
    expect(result).toMatchObject({ ok: true, data: { status: 'awaiting-confirmation' } });
    expect(invoice).toMatchObject({
      serviceId: 'website-starter',
      conversationId: ctx.conversation.id,
      customerWaId: ctx.conversation.customerWaId,
      pricePaise: 1_499_900,
      gstPaise: 269_982,
      amountPaise: 1_769_882,
      status: 'quoted',
      linkCode: null,
    });
    // No payment record and no link until the customer confirms.
    expect(await get(config.tables.pay, `pay-${invoice?.id}`)).toBeUndefined();
    const sent = await sentTo(ctx.conversation.customerWaId);
    expect(sent.map((item) => item.message.type)).toEqual(['interactive']);
    const interactive = sent[0]?.message.interactive as {
      body: { text: string };
      action: { buttons: Array<{ reply: { id: string } }> };
    };
    expect(interactive.body.text).toContain('₹17,698.82');
    expect(interactive.action.buttons.map((button) => button.reply.id)).toEqual(
      Object.values(quoteButtonIds(String(invoice?.id))),
    );
    expect(await sentTo('919999999999')).toEqual([]);
    // The same request again is the same quote, sent once.
    const again = await quoted(ctx, { serviceId: 'website-starter' });
    expect(again.invoiceId).toBe(invoice?.id);
    expect(await sentTo(ctx.conversation.customerWaId)).toHaveLength(1);
  });

  it('asked again while its quote is open, sends the same quote again rather than a second invoice', async () => {
    const ctx = await toolContext();
    const first = await quoted(ctx, { serviceId: 'website-starter' });
    const asked = { ...ctx, requestId: newWamid() };
    const again = await quoted(
      { ...asked, conversation: { ...asked.conversation, openQuote: first.result.endsTurn?.quote ?? null } },
      { serviceId: 'website-starter' },
    );
    expect(again.invoiceId).toBe(first.invoiceId);
    expect(await sentTo(ctx.conversation.customerWaId)).toHaveLength(2);
    const other = await quoted(
      {
        ...asked,
        requestId: newWamid(),
        conversation: { ...asked.conversation, openQuote: first.result.endsTurn?.quote ?? null },
      },
      { serviceId: 'gst-filing' },
    );
    expect(other.invoiceId).not.toBe(first.invoiceId);
  });

  it('refuses a service the catalog does not have, and stops quoting a customer after the hourly limit (audited)', async () => {
    const ctx = await toolContext();
    expect(await runTool(await invoiceTool(), ctx, { serviceId: 'everything-free' }, audit)).toMatchObject({
      ok: false,
      data: { error: 'invalid-arguments' },
    });
    const outcomes = [];
    for (let request = 0; request < config.agent.invoicesPerCustomerPerHour + 1; request += 1) {
      const { result } = await quoted({ ...ctx, requestId: newWamid() }, { serviceId: 'gst-filing' });
      outcomes.push(result.ok ? 'quoted' : String(result.data.error));
    }
    expect(outcomes).toEqual([
      ...Array.from({ length: config.agent.invoicesPerCustomerPerHour }, () => 'quoted'),
      'limit-reached',
    ]);
    const refusals = (await audit.forConversation(ctx.conversation.id)).filter(
      (entry) => entry.action === 'tool-refused',
    );
    expect(refusals).toHaveLength(1);
  });
});

describe("the customer's answer to a quote", () => {
  it('a yes issues the payment record and link at the quoted total; a second yes gets the same link', async () => {
    const ctx = await toolContext();
    const { invoiceId } = await quoted(ctx, { serviceId: 'website-starter' });
    const decision = { invoiceId: String(invoiceId), accept: true };
    const answer = await answerQuote(quotes, ctx.conversation, decision, ctx.effects, 'en');
    const invoice = await invoices.get(String(invoiceId));
    expect(invoice).toMatchObject({ status: 'issued', amountPaise: 1_769_882 });
    expect(await get(config.tables.pay, `pay-${invoiceId}`)).toMatchObject({
      amountPaise: 1_769_882,
      status: 'awaiting-payment',
    });
    const url = `${config.agent.shortLinkBaseUrl}${invoice?.linkCode}`;
    expect(answer.messages.join('\n')).toContain(url);
    expect(answer.messages.join('\n')).toContain('₹17,698.82');
    const again = await answerQuote(quotes, ctx.conversation, decision, ctx.effects, 'en');
    expect(again.messages.join('\n')).toContain(url);
  });

  it("a tap on another conversation's quote, on an expired quote or after a no creates nothing", async () => {
    const owner = await toolContext();
    const { invoiceId } = await quoted(owner, { serviceId: 'gst-filing' });
    const stranger = await toolContext();
    const foreign = await answerQuote(
      quotes,
      stranger.conversation,
      { invoiceId: String(invoiceId), accept: true },
      stranger.effects,
      'en',
    );
    expect(foreign.messages.join('\n')).not.toContain('/l/');
    expect(await invoices.get(String(invoiceId))).toMatchObject({ status: 'quoted', linkCode: null });

    const later = new Date(Date.now() + config.agent.quoteValidityMs + 1000);
    const expired = await answerQuote(
      quotes,
      owner.conversation,
      { invoiceId: String(invoiceId), accept: true },
      owner.effects,
      'en',
      later,
    );
    expect(expired.messages.join('\n')).not.toContain('/l/');
    expect((await invoices.get(String(invoiceId)))?.status).toBe('quoted');

    await answerQuote(
      quotes,
      owner.conversation,
      { invoiceId: String(invoiceId), accept: false },
      owner.effects,
      'hi',
    );
    expect((await invoices.get(String(invoiceId)))?.status).toBe('declined');
    const afterNo = await answerQuote(
      quotes,
      owner.conversation,
      { invoiceId: String(invoiceId), accept: true },
      owner.effects,
      'en',
    );
    expect(afterNo.messages.join('\n')).not.toContain('/l/');
    expect(await get(config.tables.pay, `pay-${invoiceId}`)).toBeUndefined();
  });

  it('a confirmed total above the approval threshold waits for an Operator before its link exists', async () => {
    const ctx = await toolContext();
    // ₹24,999 + 18% GST = ₹29,498.82, above the ₹25,000 threshold.
    const { invoiceId } = await quoted(ctx, { serviceId: 'annual-care-plan' });
    const answer = await answerQuote(
      quotes,
      ctx.conversation,
      { invoiceId: String(invoiceId), accept: true },
      ctx.effects,
      'bn',
    );
    expect(answer.messages.join('\n')).not.toContain('/l/');
    expect(await invoices.get(String(invoiceId))).toMatchObject({
      status: 'pending-approval',
      linkCode: null,
    });
    // Listed for the Operators (the sparse index) until it is decided.
    const waiting = async () => (await invoices.awaitingApproval(1000)).map((invoice) => invoice.id);
    expect(await waiting()).toContain(String(invoiceId));
    const approved = await approveInvoice({ config, invoices, audit }, String(invoiceId), 'operator-anita');
    expect(approved.invoice).toMatchObject({ status: 'issued', amountPaise: 2_949_882 });
    expect(await waiting()).not.toContain(String(invoiceId));
  });
});
