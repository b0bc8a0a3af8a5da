/** The languages the assistant answers in. */
export type CustomerLanguage = 'en' | 'hi' | 'bn' | 'hinglish';

const hinglishMarkers = new Set(
  'kya hai hain mujhe aap aapka aapki kab kitna kitne kitni kaise kaisa nahi nahin chahiye karna karo karein bhai ji mera meri mere baat ho tha thi hoga kripya batao bataiye haan achha theek'.split(
    ' ',
  ),
);

/** Script first (Devanagari, Bengali); romanised Hindi by its everyday words; English otherwise. */
export function customerLanguage(text: string): CustomerLanguage {
  if (/[\u0980-\u09FF]/.test(text)) return 'bn';
  if (/[\u0900-\u097F]/.test(text)) return 'hi';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const markers = words.filter((word) => hinglishMarkers.has(word)).length;
  return markers >= 2 || (markers === 1 && words.length <= 3) ? 'hinglish' : 'en';
}
