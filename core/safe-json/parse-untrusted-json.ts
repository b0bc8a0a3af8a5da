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
const stringRest = /[^"\\]*(?:\\[\s\S][^"\\]*)*"/y;
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
const UNDERSCORE = 95;
const LOWER_C = 99;
const LOWER_P = 112;

export function parseUntrustedJson(text: string, limits: JsonLimits): JsonResult {
  if (utf8LengthExceeds(text, limits.maxBytes))
    return fail('too-large', `is larger than ${limits.maxBytes} bytes`);
  if (!limits.fromCheckedJson && !text.isWellFormed()) {
    return fail('invalid-unicode', 'contains an unpaired UTF-16 surrogate');
  }
  const problem = scan(text, limits.maxDepth);
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
 * The walk's stacks, reused by every call (scans are synchronous and never nested), so that an
 * object costs no allocation: `keyOffsets` holds the start and end offsets of the keys of all open
 * objects, flat, up to `keyTop`; per open container, `containerKeysFrom` says where its keys begin there (-1 for
 * an array) and `containerEscaped` whether one of its keys had an escape sequence.
 */
const keyOffsets: number[] = [];
let keyTop = 0;
const containerKeysFrom: number[] = [];
const containerEscaped: boolean[] = [];

/**
 * Walks the structure once; `expectKey` says whether the next string in an object is a key. A
 * string ends at the next quote unless that quote is escaped, when a sticky regex finds its real
 * end: both native, fast even through the escaped JSON of a nested layer. Syntax errors are left
 * to `JSON.parse`, except where they would confuse the walk itself.
 */
function scan(text: string, maxDepth: number): JsonProblem | undefined {
  keyTop = 0;
  containerKeysFrom.length = 0;
  containerEscaped.length = 0;
  let expectKey = false;
  let backslashAt = text.indexOf('\\');
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index + 1;
      let quoteAt = text.indexOf('"', start);
      if (quoteAt !== -1 && text.charCodeAt(quoteAt - 1) === BACKSLASH) {
        stringRest.lastIndex = start;
        quoteAt = stringRest.test(text) ? stringRest.lastIndex - 1 : -1;
      }
      if (quoteAt === -1) return { code: 'invalid-json', message: 'is not valid JSON (unterminated string)' };
      index = quoteAt;
      // Only a string with a backslash can hold escapes; only those get the surrogate check.
      if (backslashAt !== -1 && backslashAt < start) backslashAt = text.indexOf('\\', start);
      const escaped = backslashAt !== -1 && backslashAt < quoteAt;
      if (escaped) {
        const problem = checkSurrogateEscapes(text, backslashAt, quoteAt);
        if (problem) return problem;
      }
      const depth = containerKeysFrom.length;
      const keysFrom = depth > 0 ? (containerKeysFrom[depth - 1] as number) : -1;
      if (expectKey && keysFrom >= 0) {
        if (escaped) containerEscaped[depth - 1] = true;
        const problem = containerEscaped[depth - 1]
          ? checkDecodedKey(text, start, quoteAt, keysFrom)
          : checkPlainKey(text, start, quoteAt, keysFrom);
        if (problem) return problem;
        keyOffsets[keyTop] = start;
        keyOffsets[keyTop + 1] = quoteAt;
        keyTop += 2;
        expectKey = false;
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (containerKeysFrom.length >= maxDepth)
        return { code: 'too-deep', message: `nests deeper than ${maxDepth} levels` };
      containerKeysFrom.push(code === OPEN_BRACE ? keyTop : -1);
      containerEscaped.push(false);
      expectKey = code === OPEN_BRACE;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      const keysFrom = containerKeysFrom.pop();
      if (keysFrom === undefined)
        return { code: 'invalid-json', message: 'is not valid JSON (unbalanced brackets)' };
      containerEscaped.pop();
      if (keysFrom >= 0) keyTop = keysFrom;
      expectKey = false;
    } else if (code === COMMA) {
      expectKey = (containerKeysFrom[containerKeysFrom.length - 1] ?? -1) >= 0;
    }
  }
  return undefined;
}

/** A key without escapes, in an object whose keys have none either: compared in place, no copies. */
function checkPlainKey(text: string, start: number, end: number, keysFrom: number): JsonProblem | undefined {
  const length = end - start;
  // Only `__proto__` and `prototype` (9) and `constructor` (11) are forbidden: test the cheap facts first.
  const first = text.charCodeAt(start);
  const suspect =
    (length === 9 && (first === UNDERSCORE || first === LOWER_P)) || (length === 11 && first === LOWER_C);
  if (suspect && forbiddenKeys.has(text.slice(start, end))) {
    return { code: 'forbidden-key', message: `has the forbidden key "${text.slice(start, end)}"` };
  }
  for (let at = keysFrom; at < keyTop; at += 2) {
    const otherStart = keyOffsets[at] as number;
    if ((keyOffsets[at + 1] as number) - otherStart === length && sameText(text, otherStart, start, length)) {
      return {
        code: 'duplicate-key',
        message: `has the key "${text.slice(start, end)}" twice in one object`,
      };
    }
  }
  return undefined;
}

/** Once escapes are involved, keys are compared as JSON.parse will see them. */
function checkDecodedKey(
  text: string,
  start: number,
  end: number,
  keysFrom: number,
): JsonProblem | undefined {
  const key = decodeKey(text.slice(start, end));
  if (key === undefined) return { code: 'invalid-json', message: 'is not valid JSON (bad escape in a key)' };
  if (forbiddenKeys.has(key)) return { code: 'forbidden-key', message: `has the forbidden key "${key}"` };
  for (let at = keysFrom; at < keyTop; at += 2) {
    if (decodeKey(text.slice(keyOffsets[at], keyOffsets[at + 1])) === key) {
      return { code: 'duplicate-key', message: `has the key "${key}" twice in one object` };
    }
  }
  return undefined;
}

function sameText(text: string, left: number, right: number, length: number): boolean {
  for (let offset = 0; offset < length; offset += 1) {
    if (text.charCodeAt(left + offset) !== text.charCodeAt(right + offset)) return false;
  }
  return true;
}

/**
 * Within one string (`from` its first backslash `to` its closing quote), every surrogate escape
 * must be a high one directly followed by a low one. A match preceded by
 * an odd number of backslashes is not an escape but an escaped backslash and the letter u (as in
 * the JSON layers nested inside strings); that layer's own check looks at it.
 */
function checkSurrogateEscapes(text: string, from: number, to: number): JsonProblem | undefined {
  surrogateEscape.lastIndex = from;
  let pairedLowAt = -1;
  for (
    let match = surrogateEscape.exec(text);
    match && match.index < to;
    match = surrogateEscape.exec(text)
  ) {
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
