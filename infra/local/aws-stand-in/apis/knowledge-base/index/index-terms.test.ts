import { describe, expect, it } from 'vitest';
import { documentTerm, normalizeTerm, questionTerms, tokenize } from './index-terms.ts';

describe('tokenize', () => {
  it.each([
    // vowel signs ি া ে ো, hasanta ্, nukta in য়, chandrabindu ঁ, khanda ta ৎ, anusvara ং, au length mark ৗ
    ['রিফান্ডের', ['রিফান্ডের']],
    ['হ্যাঁ, কাঁচা', ['হ্যাঁ', 'কাঁচা']],
    ['সময়মতো উৎসব', ['সময়মতো', 'উৎসব']],
    ['বাংলা ব্যাঙ্কিংয়ে', ['বাংলা', 'ব্যাঙ্কিংয়ে']],
    // Devanagari: matras, virama, nukta, candrabindu, anusvara
    ['कीमतें क्या हैं? फ़ोटो', ['कीमतें', 'क्या', 'हैं', 'फ़ोटो']],
  ])('keeps the words of "%s" whole', (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it('keeps Bengali words whole through every kind of mark, and ends them at the danda', () => {
    // chandrabindu ঁ (U+0981), hasanta ্ (U+09CD), khanda ta ৎ (U+09CE), nukta ় (U+09BC), vowel signs
    const words = tokenize('পাঁচটি ক্ষেত্রে হঠাৎ সময়ে।');
    expect(words).toEqual(['পাঁচটি', 'ক্ষেত্রে', 'হঠাৎ', 'সময়ে']);
    const marks = /[\u0981-\u0983\u09BC-\u09D7]/u;
    expect(words.every((word) => marks.test(word) || word.includes('ৎ'))).toBe(true);
  });

  it('keeps the two-part vowel sign ৌ whole when it arrives decomposed (ে + ৗ)', () => {
    const decomposed = 'গ\u09C7\u09D7তম';
    expect(tokenize(`${decomposed} দাস`)).toEqual([decomposed, 'দাস']);
    expect(normalizeTerm(decomposed)).toBe('গৌতম');
  });

  it('keeps a conjunct written with a zero-width joiner in its word', () => {
    // র‍্যাঙ্ক: the joiner asks for the ya-phala form of র + ্য
    expect(tokenize('গুগল র\u200D্যাঙ্কিং')).toEqual(['গুগল', 'র\u200D্যাঙ্কিং']);
  });
});

describe('normalizeTerm', () => {
  it('spells a word one way whatever the keyboard sent', () => {
    expect(normalizeTerm('\u09DF')).toBe(normalizeTerm('\u09AF\u09BC'));
    expect(normalizeTerm('র\u200D্যাঙ্কিং')).toBe('র্যাঙ্কিং');
    expect(normalizeTerm('৭')).toBe('7');
    expect(normalizeTerm('१४')).toBe('14');
    expect(normalizeTerm('UPI')).toBe('upi');
  });
});

describe('documentTerm and questionTerms', () => {
  it('indexes a Bengali word without its case ending and drops its stopwords', () => {
    expect(documentTerm('অফিসের')).toBe(documentTerm('অফিস'));
    expect(documentTerm('আমাদের')).toBeNull();
    expect(documentTerm('কীভাবে')).toBeNull();
  });

  it('searches a question word for what the documents call it', () => {
    expect(questionTerms('খোলে')).toEqual(expect.arrayContaining(['hours', documentTerm('সময়')]));
    expect(questionTerms('taka')).toContain('price');
    expect(questionTerms('রিফান্ডের')).toBe(documentTerm('রিফান্ড'));
  });
});
