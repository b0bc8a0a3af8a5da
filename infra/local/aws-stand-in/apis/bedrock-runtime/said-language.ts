/** The languages the offline model answers in (it reads them from the user's words, as a model does). */
export type SaidLanguage = 'en' | 'hi' | 'bn' | 'hinglish';

const romanisedHindi = new Set(
  'kya hai hain mujhe aap aapka aapki kab kitna kitne kitni kaise kaisa nahi nahin chahiye karna karo karein bhai ji mera meri mere baat ho tha thi hoga kripya batao bataiye haan achha theek'.split(
    ' ',
  ),
);

/**
 * The stand-in's own reading of a message's language (it shares no code with the product's):
 * Bengali or Devanagari script, romanised Hindi by its everyday words, English otherwise.
 */
export function saidLanguage(text: string): SaidLanguage {
  if (/[\u0980-\u09FF]/.test(text)) return 'bn';
  if (/[\u0900-\u097F]/.test(text)) return 'hi';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hindiWords = words.filter((word) => romanisedHindi.has(word)).length;
  return hindiWords >= 2 || (hindiWords === 1 && words.length <= 3) ? 'hinglish' : 'en';
}
