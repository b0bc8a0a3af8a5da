import * as z from 'zod';
import phrases from './explicit-intents.json' with { type: 'json' };

/**
 * Decisions the platform takes without the model, from configurable phrase lists per language
 * (explicit-intents.json, validated here): a customer who asks for a person gets one even when the
 * model is down or would have answered instead; a clear yes or no answers the assistant's own
 * question (a quote) without a model round that could misread it.
 */
const languages = ['en', 'hinglish', 'hi', 'bn', 'banglish'] as const;
const PhraseList = z.array(z.string().trim().min(1).max(80)).min(1);
const PerLanguage = z.object(
  Object.fromEntries(languages.map((language) => [language, PhraseList])) as Record<
    (typeof languages)[number],
    typeof PhraseList
  >,
);
const ExplicitIntents = z.object({ person: PerLanguage, yes: PerLanguage, no: PerLanguage });

const parsed = ExplicitIntents.parse(phrases);

/** Lower case, NFC, every run of punctuation, symbols and spaces one space: phrases match as whole words. */
export function normalised(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{M}\p{N}']+/gu, ' ')
    .trim();
}

function listOf(intent: keyof typeof parsed): string[] {
  return [...new Set(Object.values(parsed[intent]).flat().map(normalised))];
}

const person = listOf('person');
const yes = new Set(listOf('yes'));
const no = new Set(listOf('no'));

/**
 * The customer asks for a person, in so many words, anywhere in their message. A phrase starts at a
 * word; in Devanagari and Bengali it may end inside one, where case endings attach to the noun
 * ("প্রতিনিধির সাথে", "एजेंट से").
 */
export function asksForPerson(text: string): boolean {
  const padded = ` ${normalised(text)} `;
  return person.some((phrase) =>
    /^[\p{Script=Latin}\p{N}' ]+$/u.test(phrase)
      ? padded.includes(` ${phrase} `)
      : padded.includes(` ${phrase}`),
  );
}

/** The whole message is a yes or a no (nothing else asked alongside it); undefined otherwise. */
export function clearAnswer(text: string): 'yes' | 'no' | undefined {
  const words = normalised(text);
  // A thumbs-up alone is WhatsApp's yes.
  if (words === '' && text.includes('👍')) return 'yes';
  if (yes.has(words)) return 'yes';
  if (no.has(words)) return 'no';
  return undefined;
}
