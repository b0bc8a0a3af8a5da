/**
 * The environment variables the platform reads, and where each lands in the configuration.
 * This table is the only place that names them; `load-config.ts` is the only reader.
 *
 * `list` values are comma-separated; `json` values are JSON documents (used for the lists of
 * WhatsApp business accounts and phone numbers, which are records rather than scalars).
 */
export interface EnvironmentVariable {
  name: string;
  path: readonly string[];
  format: 'text' | 'list' | 'json';
}

const text = (name: string, ...path: string[]): EnvironmentVariable => ({ name, path, format: 'text' });
const list = (name: string, ...path: string[]): EnvironmentVariable => ({ name, path, format: 'list' });
const json = (name: string, ...path: string[]): EnvironmentVariable => ({ name, path, format: 'json' });

export const environmentVariables: readonly EnvironmentVariable[] = [
  text('WECARE_ENV', 'env'),
  text('WECARE_LOG_LEVEL', 'logLevel'),
  text('WECARE_AWS_ACCOUNT_ID', 'aws', 'accountId'),
  text('AWS_REGION', 'aws', 'region'),
  text('WECARE_LAMBDA_ROLE_ARN', 'aws', 'lambdaRoleArn'),
  text('WECARE_AWS_MAX_ATTEMPTS', 'aws', 'maxAttempts'),
  text('COGNITO_USER_POOL_ID', 'cognito', 'userPoolId'),
  text('COGNITO_USER_POOL_NAME', 'cognito', 'userPoolName'),
  text('COGNITO_HOSTED_UI_DOMAIN', 'cognito', 'hostedUiDomain'),
  text('COGNITO_APP_CLIENT_ID', 'cognito', 'publicClientId'),
  text('COGNITO_CONFIDENTIAL_CLIENT_ID', 'cognito', 'confidentialClientId'),
  list('COGNITO_REDIRECT_URIS', 'cognito', 'callbackUrls'),
  list('COGNITO_LOGOUT_URIS', 'cognito', 'logoutUrls'),
  list('COGNITO_SCOPES', 'cognito', 'scopes'),
  list('COGNITO_GROUPS', 'cognito', 'groups'),
  text('WECARE_MEDIA_BUCKET', 'buckets', 'media', 'name'),
  text('WECARE_MEDIA_INCOMING_PREFIX', 'buckets', 'media', 'incomingPrefix'),
  text('WECARE_MEDIA_OUTGOING_PREFIX', 'buckets', 'media', 'outgoingPrefix'),
  text('WECARE_STREAM_BUCKET', 'buckets', 'stream', 'name'),
  text('WECARE_REPORTS_PREFIX', 'buckets', 'stream', 'reportsPrefix'),
  text('WECARE_KB_PREFIX', 'buckets', 'stream', 'knowledgeBasePrefix'),
  text('WECARE_GENERAL_BUCKET', 'buckets', 'general', 'name'),
  text('WECARE_DEPLOYMENT_BUCKET', 'buckets', 'deployment', 'name'),
  text('WECARE_SNS_TOPIC_ARN', 'sns', 'topicArn'),
  text('WECARE_SES_FROM_ADDRESS', 'ses', 'fromAddress'),
  text('WECARE_SES_FROM_NAME', 'ses', 'fromName'),
  text('WECARE_SES_RATE', 'ses', 'messagesPerSecond'),
  text('WECARE_SMS_POOL_ID', 'sms', 'poolId'),
  text('WECARE_SMS_POOL_ARN', 'sms', 'poolArn'),
  text('WECARE_SMS_POOL_NAME', 'sms', 'poolName'),
  text('WECARE_SMS_MESSAGE_TYPE', 'sms', 'messageType'),
  text('WECARE_SMS_RATE', 'sms', 'messagesPerSecond'),
  text('WECARE_KB_ID', 'bedrock', 'knowledgeBaseId'),
  text('WECARE_MODEL_ID', 'bedrock', 'modelId'),
  text('WECARE_BEDROCK_AGENT_ID', 'bedrock', 'agentId'),
  text('WECARE_SESSION_SUMMARY_DAYS', 'bedrock', 'sessionSummaryDays'),
  text('WECARE_SESSION_SUMMARY_COUNT', 'bedrock', 'sessionSummaryCount'),
  text('WECARE_META_API_VERSION', 'whatsapp', 'metaApiVersion'),
  text('WECARE_WHATSAPP_ACCOUNT_RATE', 'whatsapp', 'accountRequestsPerSecond'),
  text('WECARE_WHATSAPP_SEND_RATE', 'whatsapp', 'operationRequestsPerSecond', 'sendMessage'),
  text('WECARE_WHATSAPP_POST_MEDIA_RATE', 'whatsapp', 'operationRequestsPerSecond', 'postMedia'),
  text('WECARE_WHATSAPP_GET_MEDIA_RATE', 'whatsapp', 'operationRequestsPerSecond', 'getMedia'),
  text('WECARE_WHATSAPP_DELETE_MEDIA_RATE', 'whatsapp', 'operationRequestsPerSecond', 'deleteMedia'),
  text('WECARE_WHATSAPP_WABA_RATE', 'whatsapp', 'operationRequestsPerSecond', 'businessAccounts'),
  text('WECARE_WHATSAPP_MAX_MESSAGE_BYTES', 'whatsapp', 'maxMessageBytes'),
  json('WECARE_WHATSAPP_BUSINESS_ACCOUNTS', 'whatsapp', 'businessAccounts'),
  json('WECARE_WHATSAPP_PHONE_NUMBERS', 'whatsapp', 'phoneNumbers'),
  text('WECARE_TABLE_CONTACTS', 'tables', 'contacts'),
  text('WECARE_TABLE_WHATSAPP_INBOUND', 'tables', 'whatsAppInbound'),
  text('WECARE_TABLE_WHATSAPP_OUTBOUND', 'tables', 'whatsAppOutbound'),
  text('WECARE_TABLE_BULK_JOBS', 'tables', 'bulkJobs'),
  text('WECARE_TABLE_BULK_JOB_CHUNKS', 'tables', 'bulkJobChunks'),
  text('WECARE_TABLE_AUDIT', 'tables', 'audit'),
  text('WECARE_TABLE_DOCS', 'tables', 'docs'),
  text('WECARE_TABLE_FORMS', 'tables', 'forms'),
  text('WECARE_TABLE_INVOICE', 'tables', 'invoice'),
  text('WECARE_TABLE_LINK', 'tables', 'link'),
  text('WECARE_TABLE_PAY', 'tables', 'pay'),
  text('WECARE_TABLE_CONVERSATIONS', 'tables', 'conversations'),
  text('WECARE_TABLE_IDEMPOTENCY', 'tables', 'idempotency'),
  text('WECARE_TABLE_CHANNEL_MESSAGES', 'tables', 'channelMessages'),
  text('WECARE_AUDIT_RETENTION_DAYS', 'auditRetentionDays'),
  text('WECARE_MAX_INVOICE_PAISE', 'agent', 'maxInvoicePaise'),
  text('WECARE_INVOICE_APPROVAL_ABOVE_PAISE', 'agent', 'invoiceApprovalAbovePaise'),
  text('WECARE_SHORT_LINK_BASE_URL', 'agent', 'shortLinkBaseUrl'),
  text('WECARE_AGENT_DEBOUNCE_MS', 'agent', 'debounceMs'),
  text('WECARE_QUEUE_INBOUND_DLQ', 'queues', 'inboundDlq'),
  text('WECARE_QUEUE_BULK', 'queues', 'bulk'),
  text('WECARE_QUEUE_BULK_DLQ', 'queues', 'bulkDlq'),
  text('WECARE_QUEUE_OUTBOUND_DLQ', 'queues', 'outboundDlq'),
  text('WECARE_QUEUE_WHATSAPP_INBOUND_DLQ', 'queues', 'whatsAppInboundDlq'),
  text('WECARE_LOCAL_DYNAMODB_URL', 'local', 'dynamoDbEndpoint'),
  text('WECARE_LOCAL_S3_URL', 'local', 's3Endpoint'),
  text('WECARE_LOCAL_SQS_URL', 'local', 'sqsEndpoint'),
  text('WECARE_LOCAL_AWS_URL', 'local', 'awsEndpoint'),
  text('WECARE_LOCAL_DYNAMODB_ENGINE', 'local', 'dynamoDbEngine'),
  text('WECARE_LOCAL_DATA_DIR', 'local', 'dataDirectory'),
];
