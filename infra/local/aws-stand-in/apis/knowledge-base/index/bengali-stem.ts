/**
 * A light Bengali stemmer for the local index. Bengali glues case and number endings to the
 * word ("অফিসের" of the office, "দিনে" in days, "টাকার" of money), so without this a question
 * saying "অফিস" misses a passage saying "অফিসের". One ending is removed, the longest that fits;
 * the index and the questions go through the same function, so over-stemming costs a little
 * precision and never a match. Hindi writes its postpositions apart and needs none of this.
 */
const endings = [
  'গুলোতে',
  'গুলোর',
  'গুলির',
  'গুলো',
  'গুলি',
  'টাতে',
  'টিতে',
  'য়ের',
  'দের',
  'টার',
  'টির',
  'েরা',
  'য়ে',
  'ের',
  'এর',
  'টা',
  'টি',
  'কে',
  'তে',
  'য়',
  'ে',
  'র',
]
  .map((ending) => ending.normalize('NFC'))
  .sort((a, b) => b.length - a.length);

const bengaliLetter = /[\u0985-\u09B9\u09CE\u09DC-\u09DF]/gu;
const vowelSign = /[\u09BE-\u09CC]$/u;
const virama = '\u09CD';

/** The word without its case or number ending; any other word (or a word too short to cut) as it is. NFC in, NFC out. */
export function bengaliStem(word: string): string {
  if (!/^[\u0980-\u09FF]/u.test(word)) return word;
  for (const ending of endings) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    // A stem must still be a word: two letters at least, not ending half-way through a conjunct.
    if ((stem.match(bengaliLetter)?.length ?? 0) < 2 || stem.endsWith(virama)) continue;
    // A bare "র" is the genitive only after a vowel ("টাকার"); after a consonant it is the word's own ("নম্বর").
    if (ending === 'র' && !vowelSign.test(stem)) continue;
    return stem;
  }
  return word;
}
