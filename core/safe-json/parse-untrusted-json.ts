/**
 * JSON from outside, parsed only after a single iterative pass has checked what `JSON.parse`
 * cannot: size (before anything else), nesting depth, duplicate keys, prototype-polluting keys
 * and unpaired surrogates. The pass never recurses, so no input can overflow the stack, and the
 * size cap comes first, so no input can make it do more than `maxBytes` of work.
 */
export interface JsonLimits {
  /** UTF-8 bytes. */
  maxBytes: number;
  /** Objects and arrays nested inside each other. */
  maxDepth: number;
  /**
   * The text is a string value taken from JSON this module already checked, so it holds no
   * unpaired surrogate characters (its escapes are still checked): skips that whole-text scan.
   */
  fromCheckedJson?: boolean;
}

/** Whether the text is over `max` bytes in UTF-8. A UTF-16 unit is at most 3 bytes, so most texts need no count. */
export function utf8LengthExceeds(text: string, max: number): boolean {
  return text.length > max || (text.length * 3 > max && Buffer.byteLength(text, 'utf8') > max);
}

export type JsonProblemCode =
  | 'too-large'
  | 'too-deep'
  | 'invalid-json'
  | 'duplicate-key'
  | 'forbidden-key'
  | 'invalid-unicode';

export interface JsonProblem {
  code: JsonProblemCode;
  message: string;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The rest of a JSON string after its opening quote, up to and including the closing one: runs of
 * ordinary characters and escape pairs, which cannot overlap, so matching is linear.
 */
const stringRest = /[^"\\]*(?:\\[^][^"\\]*)*"/y;
/** `\uD800`–`\uDFFF`: the only escapes that can produce an unpaired surrogate. */
const surrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;
const lowSurrogateEscape = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

export function parseUntrustedJson(text: string, limits: JsonLimits): JsonResult {
  if (utf8LengthExceeds(text, limits.maxBytes))
    return fail('too-large', `is larger than ${limits.maxBytes} bytes`);
  if (!limits.fromCheckedJson && !text.isWellFormed()) {
    return fail('invalid-unicode', 'contains an unpaired UTF-16 surrogate');
  }
  const problem = scan(text, limits.maxDepth) ?? checkSurrogateEscapes(text);
  if (problem) return { ok: false, problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // V8 quotes the start of the text in its message; that may be personal data, so it is cut.
    const reason =
      error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/,? ".*$/, '') : 'parse error';
    return fail('invalid-json', `is not valid JSON (${reason})`);
  }
}

function fail(code: JsonProblemCode, message: string): JsonResult {
  return { ok: false, problem: { code, message } };
}

/**
 * Walks the structure once. `frames` holds, per open container, the keys seen so far (objects) or
 * `null` (arrays); `expectKey` says whether the next string in an object is a key. Strings are
 * crossed with one sticky regex match, native and fast even through the escaped JSON of a nested
 * layer. Syntax
 * errors are left to `JSON.parse`, except where they would confuse the walk itself.
 */
function scan(text: string, maxDepth: number): JsonProblem | undefined {
  const frames: Array<string[] | null> = [];
  let expectKey = false;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index + 1;
      stringRest.lastIndex = start;
      if (!stringRest.test(text))
        return { code: 'invalid-json', message: 'is not valid JSON (unterminated string)' };
      const quoteAt = stringRest.lastIndex - 1;
      index = quoteAt;
      const keys = frames[frames.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(start, quoteAt);
        const key = raw.includes('\\') ? decodeKey(raw) : raw;
        if (key === undefined)
          return { code: 'invalid-json', message: 'is not valid JSON (bad escape in a key)' };
        if (forbiddenKeys.has(key))
          return { code: 'forbidden-key', message: `has the forbidden key "${key}"` };
        if (keys.includes(key))
          return { code: 'duplicate-key', message: `has the key "${key}" twice in one object` };
        keys.push(key);
        expectKey = false;
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (frames.length >= maxDepth)
        return { code: 'too-deep', message: `nests deeper than ${maxDepth} levels` };
      frames.push(code === OPEN_BRACE ? [] : null);
      expectKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      if (frames.pop() === undefined)
        return { code: 'invalid-json', message: 'is not valid JSON (unbalanced brackets)' };
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = Array.isArray(frames[frames.length - 1]);
    }
  }
  return undefined;
}

/**
 * Every surrogate escape must be a high one directly followed by a low one. A match preceded by
 * an odd number of backslashes is not an escape but an escaped backslash and the letter u (as in
 * the JSON layers nested inside strings); that layer's own check looks at it.
 */
function checkSurrogateEscapes(text: string): JsonProblem | undefined {
  surrogateEscape.lastIndex = 0;
  let pairedLowAt = -1;
  for (let match = surrogateEscape.exec(text); match; match = surrogateEscape.exec(text)) {
    const at = match.index;
    if (at === pairedLowAt || escapedAt(text, at)) continue;
    if (lowSurrogateEscape.test(match[0]) || !lowSurrogateEscape.test(text.slice(at + 6, at + 12))) {
      return { code: 'invalid-unicode', message: 'contains an unpaired UTF-16 surrogate escape' };
    }
    pairedLowAt = at + 6;
  }
  return undefined;
}

/** Whether the character at `position` is escaped: preceded by an odd number of backslashes. */
function escapedAt(text: string, position: number): boolean {
  let count = 0;
  for (let before = position - 1; before >= 0 && text.charCodeAt(before) === BACKSLASH; before -= 1)
    count += 1;
  return count % 2 === 1;
}

function decodeKey(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}
