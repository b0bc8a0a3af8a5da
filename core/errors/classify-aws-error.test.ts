import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ThrottlingException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import {
  AccessDeniedByMetaException,
  InternalServiceException,
  ResourceNotFoundException,
  ThrottledRequestException,
  ValidationException,
} from '@aws-sdk/client-socialmessaging';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ThrottledError,
  UpstreamError,
  ValidationError,
} from './app-errors.ts';
import { classifyAwsError, isRetryableWhatsAppErrorCode } from './classify-aws-error.ts';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('classifyAwsError', () => {
  it('turns the SDK exceptions of the services we call into our typed errors', () => {
    const cases = [
      [new ThrottledRequestException({ message: 'Rate exceeded', ...metadata(429) }), ThrottledError],
      [new ThrottlingException({ message: 'Rate exceeded', ...metadata(400) }), ThrottledError],
      [new ResourceNotFoundException({ message: 'no phone', ...metadata(404) }), NotFoundError],
      [new ValidationException({ message: 'bad message', ...metadata(400) }), ValidationError],
      [new AccessDeniedByMetaException({ message: 'Meta says no', ...metadata(403) }), ForbiddenError],
      [new InternalServiceException({ message: 'oops', ...metadata(500) }), UpstreamError],
      [new ConditionalCheckFailedException({ message: 'exists', ...metadata(400) }), ConflictError],
    ] as const;
    for (const [sdkError, expected] of cases) {
      const classified = classifyAwsError(sdkError, 'SendWhatsAppMessage');
      expect(classified, sdkError.name).toBeInstanceOf(expected);
      expect(classified.cause).toBe(sdkError);
      expect(classified.message).toContain(`SendWhatsAppMessage failed: ${sdkError.name}`);
    }
  });

  it('retries any 5xx and network failure, and dead-letters an unknown 4xx', () => {
    const unknown5xx = Object.assign(new Error('weird'), { name: 'SomethingNew', ...metadata(503) });
    expect(classifyAwsError(unknown5xx, 'op').disposition).toBe('retry');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyAwsError(reset, 'op').disposition).toBe('retry');
    const unknown4xx = Object.assign(new Error('teapot'), { name: 'TeapotException', ...metadata(418) });
    expect(classifyAwsError(unknown4xx, 'op').disposition).toBe('dead-letter');
  });

  it("knows WhatsApp's rate-limit error codes", () => {
    expect(isRetryableWhatsAppErrorCode(130429)).toBe(true);
    expect(isRetryableWhatsAppErrorCode(131056)).toBe(true);
    expect(isRetryableWhatsAppErrorCode(131047)).toBe(false);
    expect(isRetryableWhatsAppErrorCode(131026)).toBe(false);
  });
});
