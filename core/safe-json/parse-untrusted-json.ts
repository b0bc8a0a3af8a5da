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
/** With the `u` flag a well-formed pair is one code point, so this matches lone surrogates only. */
const loneSurrogate = /\p{Cs}/u;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const LOWER_U = 117;

export function parseUntrustedJson(text: string, limits: JsonLimits): JsonResult {
  if (text.length > limits.maxBytes || Buffer.byteLength(text, 'utf8') > limits.maxBytes) {
    return fail('too-large', `is larger than ${limits.maxBytes} bytes`);
  }
  if (loneSurrogate.test(text)) return fail('invalid-unicode', 'contains an unpaired UTF-16 surrogate');
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
 * Walks the text once. `frames` holds, per open container, the keys seen so far (objects) or
 * `null` (arrays); `expectKey` says whether the next string in an object is a key. Syntax errors
 * are left to `JSON.parse`, except where they would confuse the walk itself.
 */
function scan(text: string, maxDepth: number): JsonProblem | undefined {
  const frames: Array<string[] | null> = [];
  let expectKey = false;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const start = index + 1;
      let hasEscape = false;
      index = start;
      while (index < length) {
        const inner = text.charCodeAt(index);
        if (inner === QUOTE) break;
        if (inner === BACKSLASH) {
          hasEscape = true;
          if (text.charCodeAt(index + 1) === LOWER_U) {
            const consumed = unicodeEscapeLength(text, index);
            if (typeof consumed !== 'number') return consumed;
            index += consumed;
          } else {
            index += 2;
          }
          continue;
        }
        index += 1;
      }
      if (index >= length)
        return { code: 'invalid-json', message: 'is not valid JSON (unterminated string)' };
      const keys = frames.at(-1);
      if (expectKey && keys) {
        const raw = text.slice(start, index);
        const key = hasEscape ? decodeKey(raw) : raw;
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
      expectKey = Array.isArray(frames.at(-1));
    }
  }
  return undefined;
}

/**
 * The length of the `\uXXXX` escape at `index` (12 for a surrogate pair), or the problem with it:
 * a high surrogate must be followed by a low one, and a low one never stands alone.
 */
function unicodeEscapeLength(text: string, index: number): number | JsonProblem {
  const unit = hexUnit(text, index + 2);
  if (Number.isNaN(unit)) return { code: 'invalid-json', message: 'is not valid JSON (bad \\u escape)' };
  const unpaired: JsonProblem = {
    code: 'invalid-unicode',
    message: 'contains an unpaired UTF-16 surrogate escape',
  };
  if (unit >= 0xdc00 && unit <= 0xdfff) return unpaired;
  if (unit < 0xd800 || unit > 0xdbff) return 6;
  const pairs = text.charCodeAt(index + 6) === BACKSLASH && text.charCodeAt(index + 7) === LOWER_U;
  const low = pairs ? hexUnit(text, index + 8) : Number.NaN;
  return low >= 0xdc00 && low <= 0xdfff ? 12 : unpaired;
}

function hexUnit(text: string, start: number): number {
  const digits = text.slice(start, start + 4);
  return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : Number.NaN;
}

function decodeKey(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}
