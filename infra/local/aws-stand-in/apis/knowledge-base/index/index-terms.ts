import { bengaliStem } from './bengali-stem.ts';
import { queryMeanings, stopwords } from './stopwords.ts';

/**
 * How the local index reads text: what a word is, and the one spelling each word is indexed
 * and searched under. Indic scripts write a word as letters with combining marks (vowel signs,
 * virama/hasanta, nukta, chandrabindu, anusvara) and, in some conjuncts, zero-width joiners: all
 * of them belong to the word, so "রিফান্ডের" and "कीमतें" are one word each, never split at a mark.
 */
const wordPattern = /[\p{L}\p{M}\p{N}\u200C\u200D]+/gu;

/** Words as runs of letters, combining marks, digits and joiners, in any script. */
export function tokenize(text: string): string[] {
  return text.match(wordPattern) ?? [];
}

/**
 * One spelling per word: NFC (a keyboard's "য়" as one code point or two), lower case, without
 * joiners (they shape a conjunct, not its meaning), and Bengali and Devanagari digits as ASCII
 * digits, so "৭ দিন" finds "7 দিন".
 */
export function normalizeTerm(term: string): string {
  return term
    .normalize('NFC')
    .replace(/[\u200C\u200D]/g, '')
    .toLocaleLowerCase('en')
    .replace(/[\u09E6-\u09EF\u0966-\u096F]/g, (digit) =>
      String((digit.codePointAt(0) ?? 0) - (digit >= '\u09E6' ? 0x09e6 : 0x0966)),
    );
}

const normalizedStopwords = new Set([...stopwords].map(normalizeTerm));
const normalizedMeanings = new Map(
  [...queryMeanings].map(([word, meaning]) => [normalizeTerm(word), meaning.map(indexedForm)]),
);

function indexedForm(word: string): string {
  return bengaliStem(normalizeTerm(word));
}

/** The term a document's word is indexed under; null for a stopword (or nothing left). */
export function documentTerm(word: string): string | null {
  const normalized = normalizeTerm(word);
  if (!normalized || normalizedStopwords.has(normalized)) return null;
  return bengaliStem(normalized);
}

/** The terms a question's word is searched for: what it means to the documents, when it is a question word. */
export function questionTerms(word: string): string | string[] | null {
  const normalized = normalizeTerm(word);
  return normalizedMeanings.get(normalized) ?? documentTerm(normalized);
}
