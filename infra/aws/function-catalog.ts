import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '#core/config/config-schema.ts';
import type { QueueKey } from '#core/queues/queue-definitions.ts';
import type { TableKey } from '#core/tables/table-definitions.ts';

/**
 * Every Lambda function of the platform: its handler module, what it needs to run (timeout,
 * memory, concurrency) and exactly what it may touch in AWS. The stacks build the functions and
 * their IAM policies from this, and the template tests read the policies back against it.
 */
export type DynamoAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:Query'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem'
  | 'dynamodb:Scan'
  | 'dynamodb:ConditionCheckItem';

export interface TableAccess {
  table: TableKey;
  actions: readonly DynamoAction[];
  /** Indexes queried (Query on the table's index ARN). */
  indexes?: readonly string[];
}

export interface ObjectAccess {
  bucket: keyof Config['buckets'];
  /** A key prefix from the configuration: access is granted to `<prefix>*` only. */
  prefix: (config: Config) => string;
  actions: readonly ('s3:GetObject' | 's3:PutObject' | 's3:DeleteObject')[];
  /** Also list the keys under the prefix (s3:ListBucket on the bucket, conditioned on the prefix). */
  list?: boolean;
}

export interface FunctionAccess {
  tables: readonly TableAccess[];
  /** Queues it sends to (SendMessage and GetQueueUrl). */
  sendsTo?: readonly QueueKey[];
  /** Queues it receives from itself (not through an event source mapping). */
  receivesFrom?: readonly QueueKey[];
  /** Queues it only looks into: depth, and letters received and put back at once (never deleted). */
  peeksAt?: readonly QueueKey[];
  objects?: readonly ObjectAccess[];
  whatsApp?: readonly ('SendWhatsAppMessage' | 'PostWhatsAppMessageMedia' | 'GetWhatsAppMessageMedia')[];
  /** Converse with the configured model (bedrock:InvokeModel on that foundation model). */
  model?: boolean;
  /** Retrieve from the configured Knowledge Base. */
  knowledgeBase?: boolean;
  /** Start, follow and list ingestion jobs of the configured Knowledge Base (and find its data source). */
  ingestion?: boolean;
  email?: boolean;
  sms?: boolean;
  /** The WABAs' message templates: listing them and reading each (the console's sync). */
  templates?: boolean;
  /** The console's user pool: reading users and groups, changing group membership. */
  userPool?: readonly (
    | 'ListUsers'
    | 'ListUsersInGroup'
    | 'AdminListGroupsForUser'
    | 'AdminAddUserToGroup'
    | 'AdminRemoveUserFromGroup'
  )[];
  /** Other functions of the platform it invokes (Lambda's Invoke), by name. */
  invokes?: readonly string[];
}

export interface FunctionSpec {
  name: string;
  /** The handler module, relative to the project root. */
  entry: string;
  description: string;
  /** In the seed's inventory (a Python function of that name runs there today). */
  inSeed: boolean;
  timeoutSeconds: number;
  memoryMb: number;
  reservedConcurrency?: number;
  /** Files (relative to the project root) copied beside the bundle, read at run time (the console's stylesheet and script). */
  assets?: readonly string[];
  access: FunctionAccess;
}

/** The contacts' opt-outs, read by every sender before a message the business starts. */
const optOutReads = (index: 'by-phone' | 'by-email'): TableAccess => ({
  table: 'contacts',
  actions: ['dynamodb:Query'],
  indexes: [index],
});

/** Powertools idempotency records: get, claim, complete, and delete on failure. */
const idempotency: TableAccess = {
  table: 'idempotency',
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
};
/** The WhatsApp templates as last synced: every WhatsApp sender checks a template against its number's. */
const syncedTemplates: ObjectAccess = {
  bucket: 'stream',
  prefix: (config) => config.buckets.stream.templatesKey,
  actions: ['s3:GetObject'],
};

/** A dead letter's body is kept in S3 when it is larger than an SQS message may be. */
const deadLetterBodies = (actions: ObjectAccess['actions']): ObjectAccess => ({
  bucket: 'general',
  prefix: (config) => config.buckets.general.deadLetterPrefix,
  actions,
});

/**
 * The limits every sender shares (RateLimitsTable): a slot taken with conditional updates; read
 * when a bulk send finds the line too long.
 */
const sendPacing: TableAccess = { table: 'rateLimits', actions: ['dynamodb:UpdateItem', 'dynamodb:GetItem'] };

/** The dashboard's counters: added to where each effect happens (never read there). */
const dashboardCounts: TableAccess = { table: 'dailyStats', actions: ['dynamodb:UpdateItem'] };

const inboundAccess: FunctionAccess = {
  tables: [
    // GetWhatsAppMessageMedia keeps its limit shared with every instance.
    sendPacing,
    dashboardCounts,
    { table: 'whatsAppInbound', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
    { table: 'whatsAppOutbound', actions: ['dynamodb:UpdateItem'] },
    { table: 'conversations', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
    { table: 'contacts', actions: ['dynamodb:Query', 'dynamodb:UpdateItem'], indexes: ['by-phone'] },
  ],
  sendsTo: ['agent', 'whatsAppInboundDlq'],
  objects: [
    // GetWhatsAppMessageMedia writes the file into our bucket with the caller's permission.
    { bucket: 'media', prefix: (config) => config.buckets.media.incomingPrefix, actions: ['s3:PutObject'] },
    deadLetterBodies(['s3:PutObject']),
  ],
  whatsApp: ['GetWhatsAppMessageMedia'],
};

const botAccess: FunctionAccess = {
  tables: [
    sendPacing,
    dashboardCounts,
    { table: 'conversations', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
    // The history from the tables, for a conversation from before the transcript was kept.
    { table: 'whatsAppInbound', actions: ['dynamodb:Query'], indexes: ['by-conversation'] },
    {
      table: 'whatsAppOutbound',
      actions: ['dynamodb:UpdateItem', 'dynamodb:Query'],
      indexes: ['by-conversation'],
    },
    // lookup_contact: by the phone of the conversation's own customer.
    { table: 'contacts', actions: ['dynamodb:Query'], indexes: ['by-phone'] },
    // create_invoice_link: the invoice, its payment record and its short link, each written once.
    { table: 'invoice', actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
    { table: 'link', actions: ['dynamodb:PutItem'] },
    { table: 'pay', actions: ['dynamodb:PutItem'] },
    { table: 'audit', actions: ['dynamodb:PutItem'] },
    idempotency,
  ],
  sendsTo: ['agent', 'agentDlq', 'outboundDlq'],
  objects: [
    deadLetterBodies(['s3:PutObject']),
    // The service catalog: the only source of the prices the bot quotes.
    { bucket: 'stream', prefix: (config) => config.buckets.stream.catalogKey, actions: ['s3:GetObject'] },
    syncedTemplates,
  ],
  whatsApp: ['SendWhatsAppMessage'],
  model: true,
  knowledgeBase: true,
};

/** Every dead-letter queue: the replay function's work, and what the console lists. */
const deadLetterQueues: readonly QueueKey[] = [
  'whatsAppInboundDlq',
  'outboundDlq',
  'inboundDlq',
  'bulkDlq',
  'agentDlq',
];

/** The console acts for signed-in staff: it reads conversations and their messages, and sends as an agent. */
const adminApiAccess: FunctionAccess = {
  tables: [
    sendPacing,
    {
      table: 'conversations',
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      indexes: ['by-state', 'by-customer'],
    },
    { table: 'whatsAppInbound', actions: ['dynamodb:Query'], indexes: ['by-conversation'] },
    {
      table: 'whatsAppOutbound',
      actions: ['dynamodb:UpdateItem', 'dynamodb:Query'],
      indexes: ['by-conversation'],
    },
    // Contacts: created, read, changed (a new number moves one), deleted; found by phone or name;
    // imported (BatchGetItem checks the numbers, BatchWriteItem writes the new ones) and exported
    // (Scan: the one read of them all).
    {
      table: 'contacts',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:Scan',
      ],
      indexes: ['by-phone', 'by-name'],
    },
    // Approvals: an Operator issues or rejects an invoice the bot left pending (listed waiting, and by conversation).
    {
      table: 'invoice',
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      indexes: ['by-conversation', 'awaiting-approval'],
    },
    // Payment links: written on approval, opened (their clicks counted) by customers at /l/<code>.
    { table: 'link', actions: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'] },
    { table: 'pay', actions: ['dynamodb:PutItem'] },
    // Every action audited; a conversation's bot answers (tool calls) and flags read back by conversation.
    // Nothing may edit or delete an entry: written and read, never updated.
    {
      table: 'audit',
      actions: ['dynamodb:PutItem', 'dynamodb:Query'],
      indexes: ['by-conversation', 'by-actor', 'by-day'],
    },
    // The dashboard: counted into (handoffs, people's replies) and read a range of days at a time.
    { table: 'dailyStats', actions: ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem'] },
    // Knowledge Base documents: recorded, versioned, deleted, listed newest first.
    {
      table: 'docs',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      indexes: ['by-library'],
    },
    idempotency,
  ],
  // Ingestion of the business's Knowledge Base only (FZBPKGTOYE): started, followed, listed; and
  // retrieval from it, for the evaluation of staged changes before they are published.
  ingestion: true,
  knowledgeBase: true,
  sendsTo: ['outboundDlq'],
  // Dead letters: the queues' depth and their letters listed (a large one's body read from S3);
  // replays are the replay function's, which the console invokes.
  peeksAt: deadLetterQueues,
  invokes: ['wecare-dlq-replay'],
  objects: [
    deadLetterBodies(['s3:GetObject', 's3:PutObject']),
    {
      bucket: 'stream',
      prefix: (config) => config.buckets.stream.templatesKey,
      actions: ['s3:GetObject', 's3:PutObject'],
    },
    // The latest evals report, shown to every signed-in role.
    {
      bucket: 'stream',
      prefix: (config) => `${config.buckets.stream.reportsPrefix}evals/`,
      actions: ['s3:GetObject'],
    },
    // The latest evaluation of the staged Knowledge Base changes: written by an Admin's evaluation, shown beside Publish.
    {
      bucket: 'stream',
      prefix: (config) => `${config.buckets.stream.reportsPrefix}kb-gate/`,
      actions: ['s3:GetObject', 's3:PutObject'],
    },
    // The Knowledge Base's files (documents, sidecars, the catalog's price lists): written, deleted,
    // listed; and the service catalog itself, read and saved.
    {
      bucket: 'stream',
      prefix: (config) => config.buckets.stream.knowledgeBasePrefix,
      actions: ['s3:PutObject', 's3:DeleteObject'],
      list: true,
    },
    {
      bucket: 'stream',
      prefix: (config) => config.buckets.stream.catalogKey,
      actions: ['s3:GetObject', 's3:PutObject'],
    },
    // A file attached to a reply: written under the outgoing prefix, then read (HeadObject,
    // PostWhatsAppMessageMedia) to upload it to WhatsApp.
    {
      bucket: 'media',
      prefix: (config) => `${config.buckets.media.outgoingPrefix}console/`,
      actions: ['s3:PutObject', 's3:GetObject'],
    },
  ],
  whatsApp: ['SendWhatsAppMessage', 'PostWhatsAppMessageMedia'],
  // Templates: read from the account and kept as the synced catalog.
  templates: true,
  // Users and roles (Admin): the pool's users, their groups, and changes to them.
  userPool: ['ListUsers', 'ListUsersInGroup', 'AdminAddUserToGroup', 'AdminRemoveUserFromGroup'],
};

const whatsAppOutboundAccess: FunctionAccess = {
  tables: [
    sendPacing,
    dashboardCounts,
    { table: 'conversations', actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
    { table: 'whatsAppOutbound', actions: ['dynamodb:UpdateItem'] },
    optOutReads('by-phone'),
    idempotency,
  ],
  sendsTo: ['outboundDlq'],
  objects: [
    // HeadObject (type and size checks) and PostWhatsAppMessageMedia read the file with our permission.
    { bucket: 'media', prefix: (config) => config.buckets.media.outgoingPrefix, actions: ['s3:GetObject'] },
    deadLetterBodies(['s3:PutObject']),
    syncedTemplates,
  ],
  whatsApp: ['SendWhatsAppMessage', 'PostWhatsAppMessageMedia'],
};

const smsAccess: FunctionAccess = {
  tables: [
    sendPacing,
    { table: 'channelMessages', actions: ['dynamodb:PutItem'] },
    dashboardCounts,
    optOutReads('by-phone'),
    idempotency,
  ],
  sendsTo: ['outboundDlq'],
  objects: [deadLetterBodies(['s3:PutObject'])],
  sms: true,
};

const emailAccess: FunctionAccess = {
  tables: [
    sendPacing,
    { table: 'channelMessages', actions: ['dynamodb:PutItem'] },
    dashboardCounts,
    optOutReads('by-email'),
    idempotency,
  ],
  sendsTo: ['outboundDlq'],
  objects: [deadLetterBodies(['s3:PutObject'])],
  email: true,
};

/**
 * What the replay function needs: the dead-letter queues and their bodies in S3, the agent queue
 * (the bot's jobs go back there), and to invoke the functions that failed the other letters (they
 * run with their own roles).
 */
const replayAccess: FunctionAccess = {
  tables: [],
  sendsTo: ['agent', ...deadLetterQueues],
  receivesFrom: deadLetterQueues,
  objects: [deadLetterBodies(['s3:GetObject', 's3:PutObject'])],
  invokes: [
    'wecare-inbound-whatsapp',
    'wecare-outbound-whatsapp',
    'wecare-outbound-sms',
    'wecare-outbound-email',
  ],
};

export function functionCatalog(config: Config): readonly FunctionSpec[] {
  return [
    {
      name: 'wecare-inbound-whatsapp',
      entry: 'functions/wecare-inbound-whatsapp.ts',
      description:
        'WhatsApp events from EUM Social (SNS): store messages and statuses, hand customer messages to the bot',
      inSeed: true,
      // The seed's timeout: media copies are the slow part.
      timeoutSeconds: 30,
      memoryMb: 512,
      access: inboundAccess,
    },
    {
      name: 'wecare-ai-generate-response',
      entry: 'functions/wecare-ai-generate-response.ts',
      description: "The bot: answers a conversation's waiting customer messages (agent queue jobs)",
      inSeed: true,
      // The reply budget plus margin for the sends and writes after it; under the answer lease, so
      // a lease never runs out under a live invocation.
      timeoutSeconds: Math.ceil(config.agent.replyTimeBudgetMs / 1000) + 20,
      memoryMb: 1024,
      access: botAccess,
    },
    {
      name: 'wecare-ai-query-kb',
      entry: 'functions/wecare-ai-query-kb.ts',
      description: 'Retrieves passages from the Bedrock Knowledge Base',
      inSeed: true,
      timeoutSeconds: 15,
      memoryMb: 256,
      access: { tables: [], knowledgeBase: true },
    },
    {
      name: 'wecare-outbound-whatsapp',
      entry: 'functions/wecare-outbound-whatsapp.ts',
      description: 'Sends one WhatsApp message (text, media, template, interactive) under the 24-hour rules',
      inSeed: true,
      timeoutSeconds: 30,
      memoryMb: 512,
      access: whatsAppOutboundAccess,
    },
    {
      name: 'wecare-outbound-sms',
      entry: 'functions/wecare-outbound-sms.ts',
      description: 'Sends one SMS through the WECARE-DIGITAL pool',
      inSeed: true,
      timeoutSeconds: 30,
      memoryMb: 256,
      access: smsAccess,
    },
    {
      name: 'wecare-outbound-email',
      entry: 'functions/wecare-outbound-email.ts',
      description: 'Sends one email from the verified SES identity',
      inSeed: true,
      timeoutSeconds: 30,
      memoryMb: 256,
      access: emailAccess,
    },
    {
      name: 'wecare-dlq-replay',
      entry: 'functions/wecare-dlq-replay.ts',
      description: 'Replays a dead-letter queue through the handlers that failed its letters',
      inSeed: true,
      // A replay may run a function for each of up to 500 letters, one after the other.
      timeoutSeconds: 900,
      memoryMb: 512,
      // One replay at a time: two would race for the same letters.
      reservedConcurrency: 1,
      access: replayAccess,
    },
    {
      name: 'wecare-agent-reconcile',
      entry: 'functions/wecare-agent-reconcile.ts',
      description:
        'Every minute: finds customer messages neither answered nor deliberately silent, and re-dispatches them',
      inSeed: false,
      timeoutSeconds: 60,
      memoryMb: 256,
      // Sweeps never overlap: one finishes before the next starts.
      reservedConcurrency: 1,
      access: {
        tables: [{ table: 'conversations', actions: ['dynamodb:Query'], indexes: ['awaiting-reply'] }],
        sendsTo: ['agent'],
      },
    },
    {
      name: 'wecare-admin-api',
      entry: 'functions/wecare-admin-api.ts',
      description: 'The console: sign-in, inbox, conversations, takeover, reply, release, approvals (Hono)',
      inSeed: false,
      timeoutSeconds: 30,
      memoryMb: 512,
      // The console's stylesheet and script; the evals datasets, which the Knowledge Base gate reads.
      assets: ['api/assets/console.css', 'api/assets/console.js', ...evalsDatasets()],
      access: adminApiAccess,
    },
  ];
}

/** The evals datasets (`evals/datasets/*.yaml`), relative to the project root. */
function evalsDatasets(): string[] {
  const directory = fileURLToPath(new URL('../../evals/datasets/', import.meta.url));
  return readdirSync(directory)
    .filter((file) => /\.(ya?ml|jsonl)$/.test(file))
    .sort()
    .map((file) => `evals/datasets/${file}`);
}
