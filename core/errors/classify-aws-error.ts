import {
  type AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ThrottledError,
  UpstreamError,
  ValidationError,
} from './app-errors.ts';

/**
 * Retryability comes from the failure, not the call site: this module alone knows the error names
 * of the AWS services we call (and of the local stand-ins, which speak the same wire format) and
 * turns them into our typed errors.
 */

const throttlingNames = new Set([
  'ThrottledRequestException', // EUM Social
  'ThrottlingException', // Bedrock, SMS Voice v2, DynamoDB control plane
  'TooManyRequestsException', // SES v2
  'ProvisionedThroughputExceededException', // DynamoDB
  'RequestLimitExceeded',
  'SlowDown', // S3
  'ModelNotReadyException', // Bedrock: retry after the model loads
]);

const notFoundNames = new Set([
  'ResourceNotFoundException',
  'NotFoundException',
  'NoSuchKey',
  'NoSuchBucket',
  'NotFound',
]);

const validationNames = new Set([
  'ValidationException',
  'InvalidParametersException',
  'BadRequestException',
  'MessageRejected',
  'SerializationException',
  'LimitExceededException',
  'ServiceQuotaExceededException',
]);

const forbiddenNames = new Set([
  'AccessDeniedException',
  'AccessDeniedByMetaException',
  'AccountSuspendedException',
  'SendingPausedException',
]);

const transientNames = new Set([
  'InternalServiceException',
  'InternalServerException',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'DependencyException',
  'DependencyFailedException',
  'BadGatewayException',
  'ModelTimeoutException',
  'TimeoutError',
  'RequestTimeout',
]);

const networkCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Turns an error thrown by an AWS SDK v3 client into one of our typed errors. */
export function classifyAwsError(error: unknown, operation: string): AppError {
  const candidate = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError;
  const name = typeof candidate.name === 'string' ? candidate.name : 'Error';
  const status =
    typeof candidate.$metadata?.httpStatusCode === 'number' ? candidate.$metadata.httpStatusCode : undefined;
  const text = typeof candidate.message === 'string' ? candidate.message : String(error);
  const message = `${operation} failed: ${name}: ${text}`;
  const options = {
    cause: error,
    details: { operation, awsError: name, ...(status ? { httpStatus: status } : {}) },
  };

  if (throttlingNames.has(name) || status === 429) return new ThrottledError(message, options);
  if (
    name === 'ConditionalCheckFailedException' ||
    name === 'TransactionCanceledException' ||
    name === 'ConflictException'
  ) {
    return new ConflictError(message, options);
  }
  if (notFoundNames.has(name)) return new NotFoundError(message, options);
  if (forbiddenNames.has(name)) return new ForbiddenError(message, options);
  if (validationNames.has(name)) return new ValidationError(message, options);
  if (transientNames.has(name) || (status !== undefined && status >= 500))
    return new UpstreamError(message, options);
  if (typeof candidate.code === 'string' && networkCodes.has(candidate.code))
    return new UpstreamError(message, options);
  // A 4xx we do not know: the request itself is wrong, so retrying cannot help.
  return new UpstreamError(message, { ...options, retryable: status === undefined });
}

/**
 * WhatsApp (Meta) error codes that arrive in failed statuses and API errors. Rate limits are
 * retryable; everything else about a message is final for that message.
 */
const whatsAppRateLimitCodes = new Set([130429, 131056, 131048, 80007]);

export function isRetryableWhatsAppErrorCode(code: number): boolean {
  return whatsAppRateLimitCodes.has(code);
}
