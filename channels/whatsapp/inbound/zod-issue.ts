import type { z } from 'zod';
import { InboundParseError, type InboundStage } from './inbound-parse-error.ts';

/**
 * The first problem zod found, as a typed error whose message names the full path of the field
 * (`entry.changes[0].value.messages[1].timestamp: …`).
 */
export function errorFromZod(
  error: z.ZodError,
  stage: InboundStage,
  prefix: string,
  input: unknown,
): InboundParseError {
  const issue = error.issues[0];
  if (!issue) return new InboundParseError('invalid-value', stage, `${prefix} is invalid`);
  const path = formatPath(prefix, issue.path);
  const value = valueAt(input, issue.path);
  return new InboundParseError(codeOf(issue, value), stage, `${path}: ${describe(issue, value)}`);
}

/** The offending value (zod does not report it by default): walk the input along the issue's path. */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function codeOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'missing-field';
      if (value === null) return 'null-field';
      return 'wrong-type';
    case 'invalid_format':
      return 'invalid-format';
    case 'too_big':
      if (issue.origin === 'array') return 'too-many';
      return issue.origin === 'string' ? 'too-long' : 'out-of-range';
    case 'too_small':
      if (issue.origin === 'array') return 'too-few';
      return issue.origin === 'string' ? 'too-short' : 'out-of-range';
    case 'invalid_union':
      return 'invalid-value';
    default:
      return 'invalid-value';
  }
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') {
    if (value === undefined) return 'is required';
    if (value === null) return `must be ${issue.expected}, not null`;
    return `must be ${issue.expected}, not ${Array.isArray(value) ? 'array' : typeof value}`;
  }
  return issue.message;
}

export function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let text = prefix;
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  return text;
}
