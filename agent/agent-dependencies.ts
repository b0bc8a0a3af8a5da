import type { CustomerMessageListener } from '#channels/whatsapp/inbound/customer-message-listener.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { logger } from '#core/logger/logger.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationHistory } from '#core/stores/conversation-history.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import type { AgentTool } from '#tools/agent-tool.ts';
import { createInvoiceLinkTool } from '#tools/create-invoice-link.ts';
import { lookupContactTool } from '#tools/lookup-contact.ts';
import { requestHumanTool } from '#tools/request-human.ts';
import { sendTemplateTool } from '#tools/send-template.ts';
import { chatModel } from './model/chat-model.ts';
import { ConversationOwnership } from './router/conversation-ownership.ts';
import { customerMessageRouter } from './router/customer-message-router.ts';

/** The bot, wired: the router that the inbound handler hands every stored customer message to. */
export function botListener(config: Config, clients: AwsClients): CustomerMessageListener {
  const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
  const conversations = new ConversationStore(clients.documents, config.tables.conversations);
  const sender = whatsAppSender(config, clients);
  const invoices = new InvoiceStore(clients.documents, {
    invoice: config.tables.invoice,
    pay: config.tables.pay,
    link: config.tables.link,
  });
  const tools = [
    lookupContactTool(new ContactStore(clients.documents, config.tables.contacts)),
    sendTemplateTool(sender, TemplateCatalog.approved()),
    createInvoiceLinkTool(config, invoices, audit),
    requestHumanTool(new ConversationOwnership(conversations, audit)),
  ] as AgentTool<unknown>[];
  return customerMessageRouter({
    agent: {
      model: chatModel(config, clients),
      retriever: new PassageRetriever(clients.bedrockAgentRuntime, config),
      tools,
      audit,
    },
    conversations,
    history: new ConversationHistory(clients.documents, {
      inbound: config.tables.whatsAppInbound,
      outbound: config.tables.whatsAppOutbound,
    }),
    sender,
    audit,
    logger: logger('agent'),
    debounceMs: config.agent.debounceMs,
    memoryLimits: { days: config.bedrock.sessionSummaryDays, count: config.bedrock.sessionSummaryCount },
  });
}
