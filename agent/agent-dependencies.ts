import { DailyStats } from '#core/stats/daily-stats.ts';
import '#core/aws/clients/bedrock-agent-runtime.ts';
import '#core/aws/clients/dynamodb.ts';
import '#core/aws/clients/s3.ts';
import '#core/aws/clients/sqs.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { logger } from '#core/logger/logger.ts';
import { AgentJobQueue } from '#core/queues/agent-jobs.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationHistory } from '#core/stores/conversation-history.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { CustomerActionLimits } from '#core/stores/customer-action-limits.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { OutboundMessageStore } from '#core/stores/outbound-message-store.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { PassageRetriever } from '#kb/retrieve-passages.ts';
import type { AgentTool } from '#tools/agent-tool.ts';
import { createInvoiceLinkTool } from '#tools/create-invoice-link.ts';
import { lookupContactTool } from '#tools/lookup-contact.ts';
import { requestHumanTool } from '#tools/request-human.ts';
import { sendTemplateTool } from '#tools/send-template.ts';
import { converseChat } from './model/converse-chat.ts';
import type { BotDependencies } from './router/answer-pending-messages.ts';
import { ConversationOwnership } from './router/conversation-ownership.ts';

/** The bot, wired from configuration: what the `wecare-ai-generate-response` function runs on. */
export function botDependencies(
  config: Config,
  clients: AwsClients,
  sender: WhatsAppSender,
): BotDependencies {
  const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
  const conversations = new ConversationStore(clients.documents, config.tables.conversations);
  const ownership = new ConversationOwnership(
    conversations,
    audit,
    DailyStats.fromConfig(config, clients.documents),
  );
  const invoices = new InvoiceStore(clients.documents, {
    invoice: config.tables.invoice,
    pay: config.tables.pay,
    link: config.tables.link,
  });
  const limits = new CustomerActionLimits(clients.documents, config.tables.idempotency);
  const catalogStore = CatalogStore.fromConfig(clients.s3, config);
  const log = logger('agent');
  const fixedTools = {
    lookup: lookupContactTool(new ContactStore(clients.documents, config.tables.contacts)),
    template: sendTemplateTool({ sender, templates: TemplateCatalog.approved(), config, limits, audit }),
    human: requestHumanTool(ownership),
  };
  // The invoice tool is described with today's catalog; without a readable catalog the bot still
  // answers and hands over, it just cannot offer payment links.
  const tools = async (): Promise<AgentTool<unknown>[]> => {
    const catalog = await catalogStore.current().catch((error: unknown) => {
      log.error('The service catalog cannot be read: no payment links until it can', { error });
      return undefined;
    });
    return [
      fixedTools.lookup,
      fixedTools.template,
      ...(catalog ? [createInvoiceLinkTool({ config, catalog, invoices, audit, limits, sender })] : []),
      fixedTools.human,
    ] as AgentTool<unknown>[];
  };
  const { agent } = config;
  return {
    agent: {
      model: converseChat(config, clients),
      retriever: new PassageRetriever(clients.bedrockAgentRuntime, config),
      tools,
      retrieval: { results: agent.retrievalResults, minScore: agent.retrievalMinScore },
      audit,
      maxToolRounds: agent.maxToolRounds,
      timeBudgetMs: agent.replyTimeBudgetMs,
      replyTokenBudget: agent.replyTokenBudget,
      historyTokenBudget: agent.historyTokenBudget,
    },
    quotes: { config, invoices, catalog: catalogStore, audit },
    conversations,
    replies: new ReplyCoordination(clients.documents, config.tables.conversations),
    ownership,
    history: new ConversationHistory(clients.documents, {
      inbound: config.tables.whatsAppInbound,
      outbound: config.tables.whatsAppOutbound,
    }),
    outboundMessages: new OutboundMessageStore(clients.documents, config.tables.whatsAppOutbound),
    sender,
    audit,
    jobs: new AgentJobQueue(clients.sqs, config.queues.agent),
    logger: log,
    timing: {
      debounceMs: agent.debounceMs,
      capMs: agent.debounceCapMs,
      leaseMs: agent.answerLeaseMs,
      effectHoldMs: agent.effectHoldMs,
    },
    memoryLimits: { days: config.bedrock.sessionSummaryDays, count: config.bedrock.sessionSummaryCount },
  };
}
