/**
 * The client's production inventory (shared/seed), as typed defaults.
 *
 * Every value here can be overridden through the environment (see `environment-variables.ts`);
 * nothing else in the code base spells these identifiers out.
 */
export const seed = {
  aws: {
    accountId: '809904170947',
    region: 'us-east-1',
    lambdaRoleArn: 'arn:aws:iam::809904170947:role/base-wecare-digital',
  },
  cognito: {
    userPoolId: 'us-east-1_CC9u1fYh6',
    userPoolName: 'WECARE.DIGITAL',
    hostedUiDomain: 'https://sso.wecare.digital',
    publicClientId: '390cro53nf7gerev44gnq7felt',
    confidentialClientId: '1l9hpie81e1ia7u0cslak2p9tf',
    callbackUrls: [
      'https://base.wecare.digital/auth/callback',
      'https://base.dtiq7il2x5c5g.amplifyapp.com/auth/callback',
    ],
    logoutUrls: ['https://base.wecare.digital/logout'],
    scopes: ['openid', 'email', 'profile'],
    groups: ['Viewer', 'Operator', 'Admin'],
  },
  buckets: {
    media: {
      name: 'auth.wecare.digital',
      incomingPrefix: 'whatsapp-media/whatsapp-media-incoming/',
      outgoingPrefix: 'whatsapp-media/whatsapp-media-outgoing/',
    },
    stream: {
      name: 'stream.wecare.digital',
      reportsPrefix: 'base-wecare-digital/reports/',
      knowledgeBasePrefix: 'base-wecare-digital/knowledge-base/',
      // Not in the seed: the service catalog, outside the prefix that Bedrock ingests.
      catalogKey: 'base-wecare-digital/catalog/services.json',
      templatesKey: 'base-wecare-digital/catalog/whatsapp-templates.json',
    },
    general: { name: 'd.wecare.digital' },
    deployment: { name: 'wecare-digital-deployment-809904170947' },
  },
  sns: {
    topicArn: 'arn:aws:sns:us-east-1:809904170947:base-wecare-digital',
  },
  ses: {
    fromAddress: 'one@wecare.digital',
    fromName: 'WECARE.DIGITAL',
    messagesPerSecond: 10,
  },
  sms: {
    poolId: 'pool-6fbf5a5f390d4eeeaa7dbae39d78933e',
    poolArn: 'arn:aws:sms-voice:us-east-1:809904170947:pool/pool-6fbf5a5f390d4eeeaa7dbae39d78933e',
    poolName: 'WECARE-DIGITAL',
    messageType: 'TRANSACTIONAL',
    messagesPerSecond: 5,
  },
  bedrock: {
    knowledgeBaseId: 'FZBPKGTOYE',
    modelId: 'amazon.nova-pro-v1:0',
    agentId: 'HQNT0JXN8G',
    sessionSummaryDays: 30,
    sessionSummaryCount: 20,
  },
  whatsapp: {
    metaApiVersion: 'v20.0',
    accountRequestsPerSecond: 1000,
    operationRequestsPerSecond: {
      sendMessage: 1000,
      postMedia: 100,
      getMedia: 100,
      deleteMedia: 100,
      businessAccounts: 10,
      /** ListWhatsAppMessageTemplates and GetWhatsAppMessageTemplate. */
      templates: 10,
    },
    maxMessageBytes: 2 * 1024 * 1024,
    businessAccounts: [
      {
        id: 'waba-0aae9cf04cf24c66960f291c793359b4',
        metaWabaId: '1347766229904230',
        name: 'WECARE.DIGITAL',
      },
      {
        id: 'waba-9bbe054d8404487397c38a9d197bc44a',
        metaWabaId: '1390647332755815',
        name: 'Manish Agarwal',
      },
    ],
    phoneNumbers: [
      {
        id: 'phone-number-id-baa217c3f11b4ffd956f6f3afb44ce54',
        metaPhoneNumberId: '831049713436137',
        displayNumber: '+91 93309 94400',
        displayName: 'WECARE.DIGITAL',
        wabaId: 'waba-0aae9cf04cf24c66960f291c793359b4',
        qualityRating: 'GREEN',
        messagesPerSecond: 80,
      },
      {
        id: 'phone-number-id-1447bc72d1b040f4bf2341c9e04b2e06',
        metaPhoneNumberId: '888782840987368',
        displayNumber: '+91 99033 00044',
        displayName: 'Manish Agarwal',
        wabaId: 'waba-9bbe054d8404487397c38a9d197bc44a',
        qualityRating: 'GREEN',
        messagesPerSecond: 80,
      },
    ],
  },
  tables: {
    contacts: 'base-wecare-digital-ContactsTable',
    whatsAppInbound: 'base-wecare-digital-WhatsAppInboundTable',
    whatsAppOutbound: 'base-wecare-digital-WhatsAppOutboundTable',
    bulkJobs: 'base-wecare-digital-BulkJobsTable',
    bulkJobChunks: 'base-wecare-digital-BulkJobChunksTable',
    audit: 'base-wecare-digital-AuditTable',
    docs: 'base-wecare-digital-DocsTable',
    forms: 'base-wecare-digital-FormsTable',
    invoice: 'base-wecare-digital-InvoiceTable',
    link: 'base-wecare-digital-LinkTable',
    pay: 'base-wecare-digital-PayTable',
    // Not in the seed: added by this platform (DESIGN.md §4).
    conversations: 'base-wecare-digital-ConversationsTable',
    idempotency: 'base-wecare-digital-IdempotencyTable',
    channelMessages: 'base-wecare-digital-ChannelMessagesTable',
    dailyStats: 'base-wecare-digital-DailyStatsTable',
    rateLimits: 'base-wecare-digital-RateLimitsTable',
  },
  // Not in the seed's inventory as a setting: the console's address, from its callback URLs.
  // The business's days (the dashboard's) are India's.
  console: { baseUrl: 'https://base.wecare.digital', timeZone: 'Asia/Kolkata' },
  auditRetentionDays: 180,
  // Not in the seed: the platform's own limits for what the agent may do.
  agent: {
    /** The largest invoice the agent may create (₹5,00,000). */
    maxInvoicePaise: 50_000_000,
    /** Invoices above this (₹25,000) wait for an Operator's approval before a link is sent. */
    invoiceApprovalAbovePaise: 2_500_000,
    /** Where short links resolve (the console's `/l/<code>` route). */
    shortLinkBaseUrl: 'https://base.wecare.digital/l/',
    /** How long the bot waits after a customer's message for more before it answers (a burst gets one answer). */
    debounceMs: 2000,
    /** However the customer keeps typing, the first reply covering a message starts within this of it. */
    debounceCapMs: 6000,
    /** How long one answer may hold its conversation before another job may take over (a crashed answer). */
    answerLeaseMs: 45_000,
    /** How long one effect of the bot (a reply, a template, an invoice) may hold off a takeover. */
    effectHoldMs: 15_000,
    /** A customer message still waiting after this is re-dispatched by the reconciliation sweep. */
    reconcileAfterMs: 60_000,
    /** The per-reply budgets: tool rounds, wall time, tokens (input and output, all rounds), history tokens in the prompt. */
    maxToolRounds: 3,
    replyTimeBudgetMs: 20_000,
    replyTokenBudget: 12_000,
    historyTokenBudget: 3000,
    /** One Bedrock call may take this long before it is abandoned, so the time budget holds during a call. */
    modelRequestTimeoutMs: 15_000,
    /** A quoted price may be confirmed for this long; after it, the customer asks again and gets today's price. */
    quoteValidityMs: 24 * 60 * 60 * 1000,
    /** Per customer and hour, beyond which the agent's tools refuse (and the refusal is audited). */
    invoicesPerCustomerPerHour: 3,
    templatesPerCustomerPerHour: 5,
    /**
     * The approved templates the assistant may send. Templates that carry an amount, an invoice or
     * a link (payment_link, order_confirmation) are the platform's to send, from its own records:
     * in the assistant's hands their parameters would be a price from the model.
     */
    botTemplates: ['hello_world', 'appointment_reminder', 'support_followup'],
    /**
     * Passages retrieved per question, in every language, best first, and the least relevance kept.
     * Bedrock's Retrieve scores are relevance in 0–1 (vector similarity for the seed's Knowledge
     * Base): 0.3 keeps loosely related passages and leaves the judgement to the model. The local
     * index squashes its BM25 score into 0–1 absolutely (1 − e^(−bm25/8)): 0.3 there means about
     * three rare words in common, the least a stand-in answer should rest on. Overridable per
     * world with WECARE_AGENT_RETRIEVAL_MIN_SCORE when evals show a better value.
     */
    retrievalResults: 5,
    retrievalMinScore: 0.3,
  },
  queues: {
    inboundDlq: 'base-wecare-digital-inbound-dlq',
    bulk: 'base-wecare-digital-bulk-queue',
    bulkDlq: 'base-wecare-digital-bulk-dlq',
    outboundDlq: 'base-wecare-digital-outbound-dlq',
    whatsAppInboundDlq: 'base-wecare-digital-whatsapp-inbound-dlq',
    // Not in the seed: the bot's work queue (a delayed job per customer message) and its dead letters.
    agent: 'base-wecare-digital-agent-queue',
    agentDlq: 'base-wecare-digital-agent-dlq',
  },
} as const;
