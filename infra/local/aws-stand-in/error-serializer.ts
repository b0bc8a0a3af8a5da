import { isAwsJson, type Protocol } from './stand-in-api.ts';

/**
 * Error bodies as the real services send them: rest-json names the exception in the
 * `x-amzn-errortype` header, aws-json in the body's `__type`. The SDK picks its exception class
 * from that name and the message from `message` / `Message`.
 */
export function serializeError(
  protocol: Protocol,
  type: string,
  message: string,
  fields: Readonly<Record<string, unknown>>,
): { headers: Record<string, string>; body: Record<string, unknown> } {
  if (isAwsJson(protocol)) {
    return {
      headers: { 'content-type': `application/x-amz-json-${protocol.slice(-3)}` },
      body: { __type: type, Message: message, ...fields },
    };
  }
  return {
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: { message, ...fields },
  };
}
