import * as z from 'zod';
import { mediaTypes } from './media-types.ts';
import { seed } from './seed.ts';

/**
 * The platform's whole configuration. Every leaf has the seed's production value as its default,
 * so an empty environment describes the client's real AWS account; local mode adds loopback endpoints.
 */

const awsAccountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');
const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const positiveRate = z.coerce.number().int().positive();
const bucketName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'must be an S3 bucket name (lower case, digits, dots, dashes)',
  );
const keyPrefix = z.string().regex(/^([^/]+\/)+$/, 'must be an S3 key prefix ending with "/"');
const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name');
const queueName = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an SQS queue name');
const arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws:${service}:`), `must be an ARN of the ${service} service`);

export const WhatsAppBusinessAccount = z.object({
  /** EUM Social's id, `waba-…`. */
  id: z.string().regex(/^waba-[0-9a-f]{32}$/, 'must be an EUM Social WABA id (waba-…)'),
  /** Meta's numeric WhatsApp Business Account id, as a string. */
  metaWabaId: z.string().regex(/^\d+$/, 'must be digits'),
  name: z.string().min(1),
});
export type WhatsAppBusinessAccount = z.infer<typeof WhatsAppBusinessAccount>;

export const WhatsAppPhoneNumber = z.object({
  /** EUM Social's id, `phone-number-id-…`: the originationPhoneNumberId of a send. */
  id: z.string().regex(/^phone-number-id-[0-9a-f]{32}$/, 'must be an EUM Social phone number id'),
  /** Meta's numeric phone number id: `metadata.phone_number_id` of a webhook. */
  metaPhoneNumberId: z.string().regex(/^\d+$/, 'must be digits'),
  displayNumber: z
    .string()
    .regex(/^\+[\d ]{8,20}$/, 'must be an international number such as +91 93309 94400'),
  displayName: z.string().min(1),
  wabaId: z.string().min(1),
  qualityRating: z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']),
  messagesPerSecond: positiveRate,
});
export type WhatsAppPhoneNumber = z.infer<typeof WhatsAppPhoneNumber>;

const MediaTypeRule = z.object({
  kind: z.enum(['audio', 'document', 'image', 'sticker', 'video']),
  mimeType: z.string(),
  extensions: z.array(z.string()),
  maxBytes: z.number().int().positive(),
});

/**
 * A group of settings that may be absent from the environment altogether. Every leaf of a section has
 * a default, so `{}` is a valid input; `prefault` runs it through the schema to fill those defaults.
 */
const section = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object(shape).prefault({} as z.input<z.ZodObject<Shape>>);

export const ConfigSchema = z.object({
  /** `local`: every AWS client talks to the one-machine world; `aws`: the real account. */
  env: z.enum(['local', 'aws'], { error: 'must be "local" or "aws"' }).default('local'),
  logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  aws: section({
    accountId: awsAccountId.default(seed.aws.accountId),
    region: awsRegion.default(seed.aws.region),
    lambdaRoleArn: arn('iam').default(seed.aws.lambdaRoleArn),
    /** SDK attempts per call (first try included) before an error reaches our code. */
    maxAttempts: z.coerce.number().int().min(1).max(10).default(3),
  }),
  cognito: section({
    userPoolId: z
      .string()
      .regex(/^[a-z]{2}-[a-z]+-\d_[A-Za-z0-9]+$/, 'must be a Cognito user pool id')
      .default(seed.cognito.userPoolId),
    userPoolName: z.string().min(1).default(seed.cognito.userPoolName),
    hostedUiDomain: httpUrl.default(seed.cognito.hostedUiDomain),
    /**
     * The user pool's token issuer; by default Cognito's own (`https://cognito-idp.<region>.amazonaws.com/<pool>`,
     * cognitoIssuer() in core/config). Set only where another issuer plays the pool (the local world).
     */
    issuerUrl: httpUrl.optional(),
    publicClientId: z
      .string()
      .regex(/^[a-z0-9]{20,40}$/, 'must be a Cognito app client id')
      .default(seed.cognito.publicClientId),
    confidentialClientId: z
      .string()
      .regex(/^[a-z0-9]{20,40}$/, 'must be a Cognito app client id')
      .default(seed.cognito.confidentialClientId),
    callbackUrls: z
      .array(httpUrl)
      .min(1)
      .default([...seed.cognito.callbackUrls]),
    logoutUrls: z
      .array(httpUrl)
      .min(1)
      .default([...seed.cognito.logoutUrls]),
    scopes: z
      .array(z.string().min(1))
      .min(1)
      .default([...seed.cognito.scopes]),
    groups: z
      .array(z.string().min(1))
      .min(1)
      .default([...seed.cognito.groups]),
  }),
  buckets: section({
    media: section({
      name: bucketName.default(seed.buckets.media.name),
      incomingPrefix: keyPrefix.default(seed.buckets.media.incomingPrefix),
      outgoingPrefix: keyPrefix.default(seed.buckets.media.outgoingPrefix),
    }),
    stream: section({
      name: bucketName.default(seed.buckets.stream.name),
      reportsPrefix: keyPrefix.default(seed.buckets.stream.reportsPrefix),
      knowledgeBasePrefix: keyPrefix.default(seed.buckets.stream.knowledgeBasePrefix),
      /** The service catalog (prices), beside the Knowledge Base documents but not ingested with them. */
      catalogKey: z
        .string()
        .regex(/^[^/].*\.json$/, 'must be an S3 key ending in .json')
        .default(seed.buckets.stream.catalogKey),
      /** The WhatsApp templates as last synced from the account (ListWhatsAppMessageTemplates). */
      templatesKey: z
        .string()
        .regex(/^[^/].*\.json$/, 'must be an S3 key ending in .json')
        .default(seed.buckets.stream.templatesKey),
    }),
    general: section({
      name: bucketName.default(seed.buckets.general.name),
      /** Dead letters too big for an SQS message are kept here (claim check). */
      deadLetterPrefix: keyPrefix.default('dead-letters/'),
    }),
    deployment: section({ name: bucketName.default(seed.buckets.deployment.name) }),
  }),
  sns: section({ topicArn: arn('sns').default(seed.sns.topicArn) }),
  ses: section({
    fromAddress: z.email().default(seed.ses.fromAddress),
    fromName: z.string().min(1).default(seed.ses.fromName),
    messagesPerSecond: positiveRate.default(seed.ses.messagesPerSecond),
  }),
  sms: section({
    poolId: z
      .string()
      .regex(/^pool-[0-9a-f]{32}$/, 'must be an SMS pool id (pool-…)')
      .default(seed.sms.poolId),
    poolArn: arn('sms-voice').default(seed.sms.poolArn),
    poolName: z.string().min(1).default(seed.sms.poolName),
    messageType: z.enum(['TRANSACTIONAL', 'PROMOTIONAL']).default(seed.sms.messageType),
    messagesPerSecond: positiveRate.default(seed.sms.messagesPerSecond),
  }),
  bedrock: section({
    knowledgeBaseId: z
      .string()
      .regex(/^[A-Z0-9]{10}$/, 'must be a 10-character KB id')
      .default(seed.bedrock.knowledgeBaseId),
    /**
     * The Knowledge Base's S3 data source, which ingestion jobs run on. The seed does not name it:
     * unset, the console finds it (ListDataSources, the KB's one data source).
     */
    dataSourceId: z
      .string()
      .regex(/^[A-Z0-9]{10}$/, 'must be a 10-character data source id')
      .optional(),
    modelId: z.string().min(1).default(seed.bedrock.modelId),
    agentId: z
      .string()
      .regex(/^[A-Z0-9]{10}$/, 'must be a 10-character agent id')
      .default(seed.bedrock.agentId),
    sessionSummaryDays: positiveRate.default(seed.bedrock.sessionSummaryDays),
    sessionSummaryCount: positiveRate.default(seed.bedrock.sessionSummaryCount),
  }),
  whatsapp: section({
    metaApiVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must look like v20.0')
      .default(seed.whatsapp.metaApiVersion),
    accountRequestsPerSecond: positiveRate.default(seed.whatsapp.accountRequestsPerSecond),
    operationRequestsPerSecond: section({
      sendMessage: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.sendMessage),
      postMedia: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.postMedia),
      getMedia: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.getMedia),
      deleteMedia: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.deleteMedia),
      businessAccounts: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.businessAccounts),
      templates: positiveRate.default(seed.whatsapp.operationRequestsPerSecond.templates),
    }),
    maxMessageBytes: positiveRate.default(seed.whatsapp.maxMessageBytes),
    businessAccounts: z
      .array(WhatsAppBusinessAccount)
      .min(1)
      .default(seed.whatsapp.businessAccounts.map((account) => ({ ...account }))),
    phoneNumbers: z
      .array(WhatsAppPhoneNumber)
      .min(1)
      .default(seed.whatsapp.phoneNumbers.map((phone) => ({ ...phone }))),
  }).superRefine((whatsapp, context) => {
    const wabaIds = new Set(whatsapp.businessAccounts.map((account) => account.id));
    const seen = new Set<string>();
    whatsapp.phoneNumbers.forEach((phone, index) => {
      if (!wabaIds.has(phone.wabaId)) {
        context.addIssue({
          code: 'custom',
          path: ['phoneNumbers', index, 'wabaId'],
          message: `names WABA ${phone.wabaId}, which is not configured`,
        });
      }
      for (const id of [phone.id, phone.metaPhoneNumberId]) {
        if (seen.has(id))
          context.addIssue({
            code: 'custom',
            path: ['phoneNumbers', index],
            message: `repeats the id ${id}`,
          });
        seen.add(id);
      }
    });
  }),
  tables: section({
    contacts: tableName.default(seed.tables.contacts),
    whatsAppInbound: tableName.default(seed.tables.whatsAppInbound),
    whatsAppOutbound: tableName.default(seed.tables.whatsAppOutbound),
    bulkJobs: tableName.default(seed.tables.bulkJobs),
    bulkJobChunks: tableName.default(seed.tables.bulkJobChunks),
    audit: tableName.default(seed.tables.audit),
    docs: tableName.default(seed.tables.docs),
    forms: tableName.default(seed.tables.forms),
    invoice: tableName.default(seed.tables.invoice),
    link: tableName.default(seed.tables.link),
    pay: tableName.default(seed.tables.pay),
    conversations: tableName.default(seed.tables.conversations),
    idempotency: tableName.default(seed.tables.idempotency),
    channelMessages: tableName.default(seed.tables.channelMessages),
    dailyStats: tableName.default(seed.tables.dailyStats),
    rateLimits: tableName.default(seed.tables.rateLimits),
  }),
  auditRetentionDays: positiveRate.default(seed.auditRetentionDays),
  agent: section({
    maxInvoicePaise: positiveRate.default(seed.agent.maxInvoicePaise),
    invoiceApprovalAbovePaise: positiveRate.default(seed.agent.invoiceApprovalAbovePaise),
    shortLinkBaseUrl: httpUrl.default(seed.agent.shortLinkBaseUrl),
    debounceMs: z.coerce.number().int().min(0).max(60_000).default(seed.agent.debounceMs),
    debounceCapMs: z.coerce.number().int().min(0).max(900_000).default(seed.agent.debounceCapMs),
    answerLeaseMs: z.coerce.number().int().min(1000).max(900_000).default(seed.agent.answerLeaseMs),
    effectHoldMs: z.coerce.number().int().min(1000).max(120_000).default(seed.agent.effectHoldMs),
    reconcileAfterMs: z.coerce.number().int().min(1000).default(seed.agent.reconcileAfterMs),
    maxToolRounds: z.coerce.number().int().min(1).max(10).default(seed.agent.maxToolRounds),
    replyTimeBudgetMs: z.coerce.number().int().min(1000).default(seed.agent.replyTimeBudgetMs),
    replyTokenBudget: z.coerce.number().int().min(100).default(seed.agent.replyTokenBudget),
    historyTokenBudget: z.coerce.number().int().min(100).default(seed.agent.historyTokenBudget),
    modelRequestTimeoutMs: z.coerce.number().int().min(100).default(seed.agent.modelRequestTimeoutMs),
    quoteValidityMs: z.coerce.number().int().min(60_000).default(seed.agent.quoteValidityMs),
    invoicesPerCustomerPerHour: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(seed.agent.invoicesPerCustomerPerHour),
    templatesPerCustomerPerHour: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(seed.agent.templatesPerCustomerPerHour),
    botTemplates: z
      .array(z.string().regex(/^[a-z0-9_]{1,512}$/, 'must be a template name'))
      .default([...seed.agent.botTemplates]),
    retrievalResults: z.coerce.number().int().min(1).max(20).default(seed.agent.retrievalResults),
    retrievalMinScore: z.coerce.number().min(0).max(1).default(seed.agent.retrievalMinScore),
  }),
  /** WhatsApp's media types and size limits (seed table; not overridable: Meta sets them). */
  mediaTypes: z
    .array(MediaTypeRule)
    .default(mediaTypes.map((rule) => ({ ...rule, extensions: [...rule.extensions] }))),
  queues: section({
    inboundDlq: queueName.default(seed.queues.inboundDlq),
    bulk: queueName.default(seed.queues.bulk),
    bulkDlq: queueName.default(seed.queues.bulkDlq),
    outboundDlq: queueName.default(seed.queues.outboundDlq),
    whatsAppInboundDlq: queueName.default(seed.queues.whatsAppInboundDlq),
    agent: queueName.default(seed.queues.agent),
    agentDlq: queueName.default(seed.queues.agentDlq),
  }),
  /** The console for human agents and admins (the admin API serves it). */
  console: section({
    /** Where people open it; its sign-in callback and sign-out URLs are `<baseUrl>/auth/callback` and `<baseUrl>/logout`. */
    baseUrl: httpUrl.default(seed.console.baseUrl),
    /** The business's time zone: the dashboard's days begin at its midnight. */
    timeZone: z
      .string()
      .refine(
        (zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC',
        'must be an IANA time zone',
      )
      .default(seed.console.timeZone),
  }),
  /** Where the one-machine world listens (used only when env is `local`). */
  local: section({
    dynamoDbEndpoint: httpUrl.default('http://127.0.0.1:4567'),
    s3Endpoint: httpUrl.default('http://127.0.0.1:4568'),
    sqsEndpoint: httpUrl.default('http://127.0.0.1:4569'),
    /** The AWS stand-in server: EUM Social, Bedrock, SES, SMS and the simulator. */
    awsEndpoint: httpUrl.default('http://127.0.0.1:4570'),
    /** The console (the admin API's Hono app on Node). */
    consoleEndpoint: httpUrl.default('http://localhost:4571'),
    /** `dynalite` (pure JS, the default) or `dynamodb-local` (AWS's emulator, needs Java). */
    dynamoDbEngine: z.enum(['dynalite', 'dynamodb-local']).default('dynalite'),
    dataDirectory: z.string().min(1).default('.data'),
  }),
});

export type Config = z.infer<typeof ConfigSchema>;
