import '#core/aws/clients/dynamodb.ts';
import { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import { type BusinessDirectory, businessDirectory } from '#channels/whatsapp/business-directory.ts';
import { whatsAppSender } from '#channels/whatsapp/outbound/sender-dependencies.ts';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import {
  type NumberTemplates,
  syncedNumberTemplates,
} from '#channels/whatsapp/templates/number-templates.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { DailyStats } from '#core/stats/daily-stats.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { ContactStore } from '#core/stores/contact-store.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';
import { InvoiceStore } from '#core/stores/invoice-store.ts';
import { MessageFlagStore } from '#core/stores/message-flag-store.ts';
import { MessageTimeline } from '#core/stores/message-timeline.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';

/**
 * What the console's work is done with: the stores, the ownership rules, the WhatsApp sender and
 * the approved templates. The console's routes call the functions of this folder with it.
 */
export interface ConsoleDesk {
  config: Config;
  directory: BusinessDirectory;
  conversations: ConversationStore;
  ownership: ConversationOwnership;
  /** Marks a person's reply in flight on the conversation, so that a release waits for it. */
  coordination: ReplyCoordination;
  timeline: MessageTimeline;
  audit: AuditStore;
  contacts: ContactStore;
  invoices: InvoiceStore;
  flags: MessageFlagStore;
  sender: WhatsAppSender;
  /** The approved templates of each number's WABA (the synced catalog; bundled before a sync). */
  templates: NumberTemplates;
  /** The dashboard's counters (handoffs, how long customers waited for a person). */
  stats: DailyStats;
  /** For the few reads that have no store class of their own (a conversation's invoices). */
  clients: AwsClients;
}

export function consoleDesk(config: Config, clients: AwsClients): ConsoleDesk {
  const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
  const conversations = new ConversationStore(clients.documents, config.tables.conversations);
  const stats = DailyStats.fromConfig(config, clients.documents);
  // One synced catalog (and its cache) for what the console offers and what its sender checks.
  const templates = syncedNumberTemplates(config, clients);
  return {
    config,
    directory: businessDirectory(config),
    conversations,
    ownership: new ConversationOwnership(conversations, audit, stats),
    stats,
    coordination: new ReplyCoordination(clients.documents, config.tables.conversations),
    timeline: new MessageTimeline(clients.documents, {
      inbound: config.tables.whatsAppInbound,
      outbound: config.tables.whatsAppOutbound,
    }),
    audit,
    contacts: new ContactStore(clients.documents, config.tables.contacts),
    invoices: new InvoiceStore(clients.documents, {
      invoice: config.tables.invoice,
      pay: config.tables.pay,
      link: config.tables.link,
    }),
    flags: new MessageFlagStore(clients.documents, config.tables.audit, config.auditRetentionDays),
    sender: whatsAppSender(config, clients, { templates }),
    templates,
    clients,
  };
}
