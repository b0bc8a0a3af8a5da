import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { BotEffects } from '#agent/router/bot-effects.ts';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import { ConflictError, ConversationChangedError } from '#core/errors/app-errors.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { conversationIdOf } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { newCustomerWaId, newWamid } from '../test/inbound-helpers.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import type { ToolContext } from './agent-tool.ts';
import { createInvoiceLinkTool } from './create-invoice-link.ts';
import { approveInvoice, rejectInvoice } from './invoice-approval.ts';
import { lookupContactTool } from './lookup-contact.ts';
import { requestHumanTool } from './request-human.ts';
import { runTool } from './run-tool.ts';
import { sendTemplateTool } from './send-template.ts';

const config = testConfig();
const clients = testClients();
const conversations = new ConversationStore(clients.documents, config.tables.conversations);
const contacts = new ContactStore(clients.documents, config.tables.contacts);
const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
const invoices = new InvoiceStore(clients.documents, {
  invoice: config.tables.invoice,
  pay: config.tables.pay,
  link: config.tables.link,
});
const invoiceTool = createInvoiceLinkTool(config, invoices, audit);
const get = (table: string, id: string) =>
  clients.documents.send(new GetCommand({ TableName: table, Key: { id } })).then((found) => found.Item);

const replies = new ReplyCoordination(clients.documents, config.tables.conversations);

/** A conversation with a customer message pending, claimed by a bot job as the bot function would. */
async function context(name = 'Priya Sharma'): Promise<ToolContext> {
  const waId = newCustomerWaId();
  const at = new Date();
  await conversations.recordInbound({
    businessPhoneNumberId: '831049713436137',
    customerWaId: waId,
    profileName: name,
    wamid: newWamid(),
    at: at.toISOString(),
    atMs: at.getTime(),
    awaitsReply: { receivedMs: at.getTime() },
  });
  await contacts.upsertFromWhatsApp({ waId, profileName: name, atMs: at.getTime() });
  const id = conversationIdOf('831049713436137', waId);
  const conversation = await replies.claim(id, {
    owner: 'tools-test',
    nowMs: Date.now(),
    leaseMs: 60_000,
    debounceMs: 0,
    capMs: 0,
  });
  if (!conversation) throw new Error('no conversation to claim');
  return {
    conversation,
    requestId: newWamid(),
    now: at,
    effects: new BotEffects(replies, id, 'tools-test', conversation, 10_000),
  };
}

describe('create_invoice_link', () => {
  it('creates invoice, payment record and short link for the conversation customer, once per request', async () => {
    const ctx = await context();
    const args = { description: 'Website Starter', amountPaise: 1_499_900, currency: 'INR' };
    const first = await runTool(invoiceTool, ctx, args, audit);
    const again = await runTool(invoiceTool, ctx, args, audit);
    expect(first).toEqual(again);
    expect(first).toMatchObject({
      ok: true,
      data: {
        status: 'issued',
        amountDisplay: '₹14,999.00',
        url: expect.stringMatching(/^https?:\/\/.+\/l\/[0-9A-Za-z]{8}$/),
      },
    });
    const invoice = await get(config.tables.invoice, String(first.data.invoiceId));
    expect(invoice).toMatchObject({
      customerWaId: ctx.conversation.customerWaId,
      amountPaise: 1_499_900,
      currency: 'INR',
      status: 'issued',
    });
    expect(await get(config.tables.pay, `pay-${invoice?.id}`)).toMatchObject({
      amountPaise: 1_499_900,
      status: 'awaiting-payment',
    });
    expect(await get(config.tables.link, String(invoice?.linkCode))).toMatchObject({
      invoiceId: invoice?.id,
      kind: 'invoice-payment',
    });
  });

  it('ignores any customer the model names: the schema has no such field and the invoice is bound to the conversation', async () => {
    const ctx = await context();
    const result = await runTool(
      invoiceTool,
      ctx,
      {
        description: 'GST filing assistance',
        amountPaise: 149_900,
        to: '919999999999',
        customerWaId: '919999999999',
        phone: '+919999999999',
      },
      audit,
    );
    const invoice = await get(config.tables.invoice, String(result.data.invoiceId));
    expect(invoice?.customerWaId).toBe(ctx.conversation.customerWaId);
    expect(invoice?.conversationId).toBe(ctx.conversation.id);
  });

  it('refuses fractional or oversized amounts, audits the refusal, and holds big invoices for approval', async () => {
    const ctx = await context();
    expect(
      await runTool(invoiceTool, ctx, { description: 'Website Starter', amountPaise: 14_999.5 }, audit),
    ).toMatchObject({ ok: false, data: { error: 'invalid-arguments' } });
    expect(
      await runTool(invoiceTool, ctx, { description: 'Everything', amountPaise: 60_000_000 }, audit),
    ).toMatchObject({ ok: false, data: { error: 'refused' } });
    expect((await audit.forConversation(ctx.conversation.id)).map((entry) => entry.action)).toContain(
      'tool-refused',
    );

    const big = await runTool(
      invoiceTool,
      ctx,
      { description: 'Annual Care Plan x2', amountPaise: 4_999_800 },
      audit,
    );
    expect(big).toMatchObject({ ok: true, data: { status: 'pending-approval' } });
    expect(big.data.url).toBeUndefined();
    const approved = await approveInvoice(
      { config, invoices, audit },
      String(big.data.invoiceId),
      'operator-anita',
    );
    expect(approved.invoice).toMatchObject({ status: 'issued', decidedBy: 'operator-anita' });
    expect(approved.url).toMatch(/\/l\/[0-9A-Za-z]{8}$/);
    await expect(
      rejectInvoice({ invoices, audit }, String(big.data.invoiceId), 'operator-anita', 'too late'),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('request_human, lookup_contact, send_template', () => {
  it('hands over with a structured packet', async () => {
    const ctx = await context();
    const tool = requestHumanTool(ConversationOwnership.from(config, clients));
    expect(
      await runTool(
        tool,
        ctx,
        {
          reason: 'customer-asked',
          summary: 'Wants to discuss a custom website',
          facts: { budget: '₹50,000' },
        },
        audit,
      ),
    ).toEqual({ ok: true, data: { status: 'waiting_for_human' } });
    expect((await conversations.get(ctx.conversation.id))?.handoff).toMatchObject({
      reason: 'customer-asked',
      facts: { budget: '₹50,000' },
      requestId: ctx.requestId,
    });
    expect(
      await runTool(tool, ctx, { reason: 'free text is not a reason', summary: 'x' }, audit),
    ).toMatchObject({ ok: false, data: { error: 'invalid-arguments' } });
  });

  it("reads only the conversation customer's own record", async () => {
    const ctx = await context('সুমিতা দাস');
    expect(await runTool(lookupContactTool(contacts), ctx, { phone: '919999999999' }, audit)).toEqual({
      ok: true,
      data: { found: true, name: 'সুমিতা দাস', phone: expect.stringMatching(/^\+91 \*+\d{4}$/) },
    });
  });

  it('sends an approved utility template to this customer and refuses marketing', async () => {
    const ctx = await context();
    const tool = sendTemplateTool(whatsAppSender(config, clients), TemplateCatalog.approved());
    expect(
      await runTool(
        tool,
        ctx,
        {
          name: 'appointment_reminder',
          language: 'en_US',
          bodyParameters: ['5 December', '11:00'],
          to: '919999999999',
        },
        audit,
      ),
    ).toMatchObject({ ok: true });
    expect((await sentTo(ctx.conversation.customerWaId)).map((item) => item.message.type)).toEqual([
      'template',
    ]);
    expect(await sentTo('919999999999')).toEqual([]);
    expect(
      await runTool(
        tool,
        ctx,
        { name: 'festive_offer', language: 'en_US', bodyParameters: ['A', 'B'] },
        audit,
      ),
    ).toMatchObject({ ok: false, data: { error: 'refused' } });
  });

  it('does nothing once a person took the conversation over: no template, no invoice, the answer ends', async () => {
    const ctx = await context();
    await ConversationOwnership.from(config, clients).takeover(ctx.conversation.id, 'agent-meera');
    const template = sendTemplateTool(whatsAppSender(config, clients), TemplateCatalog.approved());
    await expect(
      runTool(
        template,
        ctx,
        { name: 'appointment_reminder', bodyParameters: ['5 December', '11:00'] },
        audit,
      ),
    ).rejects.toBeInstanceOf(ConversationChangedError);
    await expect(
      runTool(invoiceTool, ctx, { description: 'Website Starter', amountPaise: 1_499_900 }, audit),
    ).rejects.toBeInstanceOf(ConversationChangedError);
    await expect(
      runTool(
        requestHumanTool(ConversationOwnership.from(config, clients)),
        ctx,
        { reason: 'customer-asked', summary: 'Wants a person' },
        audit,
      ),
    ).rejects.toBeInstanceOf(ConversationChangedError);
    expect(await sentTo(ctx.conversation.customerWaId)).toEqual([]);
    const id = InvoiceStore.invoiceIdOf(ctx.conversation.id, ctx.requestId, 'Website Starter', 1_499_900);
    expect(await get(config.tables.invoice, id)).toBeUndefined();
    expect(await conversations.get(ctx.conversation.id)).toMatchObject({
      state: 'human',
      ownerAgentId: 'agent-meera',
    });
  });
});
