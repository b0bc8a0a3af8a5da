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
): { headers: Record<string, string>; body: Record<string, unknown> | string } {
  if (protocol === 'aws-query') {
    // The query protocol's error document; the SDK reads the exception from `Code`.
    return {
      headers: { 'content-type': 'text/xml' },
      body: `<ErrorResponse><Error><Type>${String(fields.Type ?? 'Sender')}</Type><Code>${escapeXml(type)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${escapeXml(String(fields.RequestId ?? ''))}</RequestId></ErrorResponse>`,
    };
  }
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

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The aws-query protocol's response document: `<ActionResponse><ActionResult>members</ActionResult>…`. */
export function queryResponse(action: string, namespace: string, result: unknown, requestId: string): string {
  return `<${action}Response xmlns="${escapeXml(namespace)}"><${action}Result>${xmlMembers(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

function xmlMembers(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return escapeXml(String(value));
  return Object.entries(value as Record<string, unknown>)
    .map(([name, member]) => `<${name}>${xmlMembers(member)}</${name}>`)
    .join('');
}
