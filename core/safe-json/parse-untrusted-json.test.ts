import { describe, expect, it } from 'vitest';
import { parseUntrustedJson } from './parse-untrusted-json.ts';

const limits = { maxBytes: 64 * 1024, maxDepth: 8 };
const problemOf = (text: string, custom = limits) => {
  const result = parseUntrustedJson(text, custom);
  return result.ok ? undefined : result.problem.code;
};

describe('parseUntrustedJson', () => {
  it('parses ordinary JSON, including escaped keys, emoji pairs and Indic scripts', () => {
    const result = parseUntrustedJson(
      '{"na\\u006de":"नमस्ते 😀 \\ud83d\\ude00","list":[{"a":1},{"a":2}],"s":"a,b"}',
      limits,
    );
    expect(result).toEqual({ ok: true, value: { name: 'नमस्ते 😀 😀', list: [{ a: 1 }, { a: 2 }], s: 'a,b' } });
  });

  it('refuses input over the size cap before looking at it', () => {
    expect(problemOf('"x"'.padEnd(100, ' '), { maxBytes: 50, maxDepth: 8 })).toBe('too-large');
    // 20 Bengali characters are 60 UTF-8 bytes: the cap counts bytes, not characters.
    expect(problemOf(`"${'ক'.repeat(20)}"`, { maxBytes: 50, maxDepth: 8 })).toBe('too-large');
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    expect(problemOf(`${'['.repeat(9)}${']'.repeat(9)}`)).toBe('too-deep');
    expect(problemOf(`${'['.repeat(8)}${']'.repeat(8)}`)).toBeUndefined();
    expect(problemOf('[{"a":[{"b":{"c":[[[[1]]]]}}]}]')).toBe('too-deep');
  });

  it('refuses duplicate keys in one object, but not the same key in sibling objects', () => {
    expect(problemOf('{"id":"a","id":"b"}')).toBe('duplicate-key');
    expect(problemOf('{"id":"a","nested":{"x":1},"i\\u0064":"b"}')).toBe('duplicate-key');
    expect(problemOf('[{"id":"a"},{"id":"b"}]')).toBeUndefined();
    expect(problemOf('{"a":{"id":1},"b":{"id":2}}')).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype', '__pro\\u0074o__'])(
    'refuses the key %s anywhere',
    (key) => {
      expect(problemOf(`{"ok":[{"deep":{"${key}":{"polluted":true}}}]}`)).toBe('forbidden-key');
    },
  );

  it('accepts those words as values', () => {
    expect(problemOf('{"text":"__proto__","list":["constructor"]}')).toBeUndefined();
  });

  it('refuses unpaired surrogates, raw or escaped', () => {
    expect(problemOf('{"text":"\\ud83d"}')).toBe('invalid-unicode');
    expect(problemOf('{"text":"\\ude00x"}')).toBe('invalid-unicode');
    expect(problemOf('{"text":"\\ud83d\\u0041"}')).toBe('invalid-unicode');
    expect(problemOf(`{"text":"${String.fromCharCode(0xd83d)}"}`)).toBe('invalid-unicode');
  });

  it('reports malformed JSON as invalid-json in one line', () => {
    for (const text of ['', 'nope', '{"a":', '{"a":1}}', '"unterminated', '{"a":"\\uZZZZ"}']) {
      const result = parseUntrustedJson(text, limits);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.problem.code, text).toBe('invalid-json');
        expect(result.problem.message, text).not.toContain('\n');
      }
    }
  });

  it('rejects a 6 MB and a 10,000-deep input by their limits (timed in bench/whatsapp-inbound)', () => {
    const huge = `{"a":"${'x'.repeat(6 * 1024 * 1024)}"}`;
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(problemOf(huge, { maxBytes: 1024 * 1024, maxDepth: 16 })).toBe('too-large');
    expect(problemOf(deep, { maxBytes: 1024 * 1024, maxDepth: 16 })).toBe('too-deep');
  });

  it('crosses a nested layer full of escapes (a whole SNS message inside a string) in one go', () => {
    const inner = JSON.stringify({ list: Array.from({ length: 20_000 }, (_, index) => `"quoted ${index}"`) });
    const outer = JSON.stringify({ Message: JSON.stringify(inner), tail: { id: 1, id2: 2 } });
    const result = parseUntrustedJson(outer, { maxBytes: 4 * 1024 * 1024, maxDepth: 8 });
    expect(result.ok && (result.value as { tail: unknown }).tail).toEqual({ id: 1, id2: 2 });
    expect(problemOf(outer.replace('"id2"', '"id"'), { maxBytes: 4 * 1024 * 1024, maxDepth: 8 })).toBe(
      'duplicate-key',
    );
  });
});
