import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import { ConversationChangedError } from '#core/errors/app-errors.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { CustomerActionLimits } from '#core/stores/customer-action-limits.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { testClients, testConfig } from '../test/local-clients.ts';
import { sentTo } from '../test/stand-in-outbox.ts';
import { toolContext } from '../test/tool-context.ts';
import { createInvoiceLinkTool } from './create-invoice-link.ts';
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
const limits = new CustomerActionLimits(clients.documents, config.tables.idempotency);
const templateTool = () =>
  sendTemplateTool({
    sender: whatsAppSender(config, clients),
    templates: TemplateCatalog.approved(),
    config,
    limits,
    audit,
  });
const invoiceTool = async () =>
  createInvoiceLinkTool({
    config,
    catalog: await CatalogStore.fromConfig(clients.s3, config).current(),
    invoices,
    audit,
    limits,
    sender: whatsAppSender(config, clients),
  });
const get = (table: string, id: string) =>
  clients.documents.send(new GetCommand({ TableName: table, Key: { id } })).then((found) => found.Item);

const _replies = new ReplyCoordination(clients.documents, config.tables.conversations);

const context = toolContext;

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
    const tool = templateTool();
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

  it('refuses the templates that carry an amount or a link, and does not offer them to the model', async () => {
    const ctx = await context();
    const tool = templateTool();
    expect(tool.description).toContain('appointment_reminder');
    expect(tool.description).not.toMatch(/payment_link|order_confirmation/);
    for (const name of ['payment_link', 'order_confirmation'])
      expect(
        await runTool(
          tool,
          ctx,
          { name, language: 'en_US', bodyParameters: ['Priya', 'INV-1', '₹1', 'https://evil.example/pay'] },
          audit,
        ),
      ).toMatchObject({ ok: false, data: { error: 'refused' } });
    expect(await sentTo(ctx.conversation.customerWaId)).toEqual([]);
  });

  it('stops sending templates to a customer after the hourly limit, and audits the refusal', async () => {
    const ctx = await context();
    const outcomes = [];
    for (let request = 0; request <= config.agent.templatesPerCustomerPerHour; request += 1) {
      const result = await runTool(
        templateTool(),
        { ...ctx, requestId: `wamid.limit-${request}-${ctx.requestId}` },
        { name: 'appointment_reminder', language: 'en_US', bodyParameters: ['5 December', '11:00'] },
        audit,
      );
      outcomes.push(result.ok ? 'sent' : String(result.data.error));
    }
    expect(outcomes).toEqual([
      ...Array.from({ length: config.agent.templatesPerCustomerPerHour }, () => 'sent'),
      'limit-reached',
    ]);
    expect(await sentTo(ctx.conversation.customerWaId)).toHaveLength(
      config.agent.templatesPerCustomerPerHour,
    );
    expect(
      (await audit.forConversation(ctx.conversation.id)).filter((entry) => entry.action === 'tool-refused'),
    ).toHaveLength(1);
  });

  it('does nothing once a person took the conversation over: no template, no invoice, the answer ends', async () => {
    const ctx = await context();
    await ConversationOwnership.from(config, clients).takeover(ctx.conversation.id, 'agent-meera');
    const template = templateTool();
    await expect(
      runTool(
        template,
        ctx,
        { name: 'appointment_reminder', bodyParameters: ['5 December', '11:00'] },
        audit,
      ),
    ).rejects.toBeInstanceOf(ConversationChangedError);
    await expect(
      runTool(await invoiceTool(), ctx, { serviceId: 'website-starter' }, audit),
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
    const id = InvoiceStore.invoiceIdOf(ctx.conversation.id, ctx.requestId, 'website-starter');
    expect(await get(config.tables.invoice, id)).toBeUndefined();
    expect(await conversations.get(ctx.conversation.id)).toMatchObject({
      state: 'human',
      ownerAgentId: 'agent-meera',
    });
  });
});
