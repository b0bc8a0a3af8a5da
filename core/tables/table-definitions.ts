import type { Config } from '../config/load-config.ts';

/**
 * One definition of every DynamoDB table: the eleven tables of the client's inventory (partition
 * key `id`, as in production) plus the two this platform adds, with the secondary indexes that
 * serve DESIGN.md §4's access patterns without a Scan. The local world creates tables from these
 * definitions and the CDK app deploys the same ones.
 */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** The access pattern the index serves. */
  serves: string;
}

export type TableKey = keyof Config['tables'];

export interface TableDefinition {
  key: TableKey;
  name: string;
  /** `seed`: exists in the client's account; `platform`: added by this platform. */
  origin: 'seed' | 'platform';
  purpose: string;
  partitionKey: KeyAttribute;
  indexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  timeToLiveAttribute?: string;
}

const id: KeyAttribute = { name: 'id', type: 'S' };
const text = (name: string): KeyAttribute => ({ name, type: 'S' });
const number = (name: string): KeyAttribute => ({ name, type: 'N' });

export function tableDefinitions(config: Config): readonly TableDefinition[] {
  const { tables } = config;
  return [
    {
      key: 'contacts',
      name: tables.contacts,
      origin: 'seed',
      purpose: 'Contact records',
      partitionKey: id,
      indexes: [
        { name: 'by-phone', partitionKey: text('phone'), serves: 'a contact by phone (E.164 digits)' },
        {
          name: 'by-name',
          partitionKey: text('nameInitial'),
          sortKey: text('nameSort'),
          serves: 'contacts by name prefix (first letter, then begins_with on the folded name)',
        },
        {
          name: 'by-email',
          partitionKey: text('email'),
          serves: "a contact by email address (lowercase): the email sender's opt-out check",
        },
      ],
    },
    {
      key: 'whatsAppInbound',
      name: tables.whatsAppInbound,
      origin: 'seed',
      purpose: 'Inbound WhatsApp messages (id = wamid)',
      partitionKey: id,
      indexes: [
        {
          name: 'by-conversation',
          partitionKey: text('conversationId'),
          sortKey: number('atMs'),
          serves: "a conversation's inbound messages in time order",
        },
      ],
    },
    {
      key: 'whatsAppOutbound',
      name: tables.whatsAppOutbound,
      origin: 'seed',
      purpose:
        'Outbound WhatsApp messages and their status lifecycle (id = wamid, so statuses find them by key)',
      partitionKey: id,
      indexes: [
        {
          name: 'by-conversation',
          partitionKey: text('conversationId'),
          sortKey: number('atMs'),
          serves: "a conversation's outbound messages in time order",
        },
      ],
    },
    {
      key: 'bulkJobs',
      name: tables.bulkJobs,
      origin: 'seed',
      purpose: 'Bulk job tracking',
      partitionKey: id,
      indexes: [
        {
          name: 'by-status',
          partitionKey: text('status'),
          sortKey: number('createdAtMs'),
          serves: 'bulk jobs by status, newest first',
        },
      ],
    },
    {
      key: 'bulkJobChunks',
      name: tables.bulkJobChunks,
      origin: 'seed',
      purpose: 'Bulk job chunks',
      partitionKey: id,
      indexes: [
        {
          name: 'by-job',
          partitionKey: text('jobId'),
          sortKey: number('chunkIndex'),
          serves: "a job's chunks in order",
        },
      ],
    },
    {
      key: 'audit',
      name: tables.audit,
      origin: 'seed',
      purpose: `Audit log (expires after ${config.auditRetentionDays} days)`,
      partitionKey: id,
      indexes: [
        {
          name: 'by-actor',
          partitionKey: text('actorId'),
          sortKey: number('atMs'),
          serves: 'audit entries by actor, in time order',
        },
        {
          name: 'by-conversation',
          partitionKey: text('conversationId'),
          sortKey: number('atMs'),
          serves: 'audit entries by conversation, in time order',
        },
        {
          name: 'by-day',
          partitionKey: text('day'),
          sortKey: number('atMs'),
          serves: "everyone's audit entries, a UTC day at a time, in time order (the Admin's log)",
        },
      ],
      timeToLiveAttribute: 'expiresAt',
    },
    {
      key: 'docs',
      name: tables.docs,
      origin: 'seed',
      purpose: 'Document metadata',
      partitionKey: id,
      indexes: [
        {
          name: 'by-library',
          partitionKey: text('library'),
          sortKey: number('uploadedAtMs'),
          serves: "the Knowledge Base's documents, newest first (the console's list)",
        },
      ],
    },
    {
      key: 'forms',
      name: tables.forms,
      origin: 'seed',
      purpose: 'Form submissions',
      partitionKey: id,
      indexes: [],
    },
    {
      key: 'invoice',
      name: tables.invoice,
      origin: 'seed',
      purpose: 'Invoice records',
      partitionKey: id,
      indexes: [
        {
          name: 'by-conversation',
          partitionKey: text('conversationId'),
          sortKey: number('createdAtMs'),
          serves: "a conversation's invoices in time order",
        },
        {
          // Sparse: only invoices waiting for an Operator carry the attribute (InvoiceStore).
          name: 'awaiting-approval',
          partitionKey: text('approvalQueue'),
          sortKey: number('createdAtMs'),
          serves: "the console's approvals: invoices waiting for an Operator, oldest first",
        },
      ],
    },
    {
      key: 'link',
      name: tables.link,
      origin: 'seed',
      purpose: 'Short links (id = short code)',
      partitionKey: id,
      indexes: [],
    },
    {
      key: 'pay',
      name: tables.pay,
      origin: 'seed',
      purpose: 'Payment records',
      partitionKey: id,
      indexes: [{ name: 'by-invoice', partitionKey: text('invoiceId'), serves: "an invoice's payments" }],
    },
    {
      key: 'conversations',
      name: tables.conversations,
      origin: 'platform',
      purpose: 'Conversations: business number x customer, owner (bot or human), version, 24-hour window',
      partitionKey: id,
      indexes: [
        {
          name: 'by-state',
          partitionKey: text('state'),
          sortKey: number('lastActivityAtMs'),
          serves: 'the console inbox: conversations by state by last activity',
        },
        {
          name: 'by-customer',
          partitionKey: text('customerWaId'),
          sortKey: number('lastActivityAtMs'),
          serves: "a customer's conversations with either business number",
        },
        {
          // Sparse: only conversations with a customer message still waiting carry `awaitingPhone`.
          name: 'awaiting-reply',
          partitionKey: text('awaitingPhone'),
          sortKey: number('pendingSinceMs'),
          serves: 'the reconciliation sweep: conversations whose oldest unanswered message waits longest',
        },
      ],
    },
    {
      key: 'idempotency',
      name: tables.idempotency,
      origin: 'platform',
      purpose: 'Idempotency records (Powertools layout: id, status, expiration)',
      partitionKey: id,
      indexes: [],
      timeToLiveAttribute: 'expiration',
    },
    {
      key: 'channelMessages',
      name: tables.channelMessages,
      origin: 'platform',
      purpose: 'SMS and email messages sent, keyed by the provider message id, with their outcome',
      partitionKey: id,
      indexes: [
        {
          name: 'by-recipient',
          partitionKey: text('recipient'),
          sortKey: number('atMs'),
          serves: 'the SMS and emails sent to a phone number or address, in time order',
        },
      ],
    },
    {
      key: 'dailyStats',
      name: tables.dailyStats,
      origin: 'platform',
      purpose: "The dashboard's counters: one item per business day, counted where each effect happens",
      partitionKey: id,
      indexes: [],
      timeToLiveAttribute: 'expiresAt',
    },
    {
      key: 'rateLimits',
      name: tables.rateLimits,
      origin: 'platform',
      purpose:
        'The shared line of each rate limit (a WhatsApp number, the account, SMS, email): the next free slot, taken by every sender',
      partitionKey: id,
      indexes: [],
      timeToLiveAttribute: 'expiresAt',
    },
  ];
}
