/**
 * The languages the offline stand-in model answers in: English, Hindi (Devanagari), Bengali
 * (Bengali script), Hinglish (romanised Hindi) and romanised Bengali.
 */
export type SaidLanguage = 'en' | 'hi' | 'bn' | 'hinglish' | 'banglish';

const romanisedHindi = new Set(
  'kya hai hain mujhe aap aapka aapki aapke kab kitna kitne kitni kaise kaisa nahi nahin chahiye chahta chahti karna karni karo karein kijiye bhai mera meri mere baat hoga tha thi kripya batao bataiye haan achha accha theek kaun kahan kyun hum humein mein se ka ke ko bhej bhejo bhejiye wala wali kharidna'.split(
    ' ',
  ),
);

const romanisedBengali = new Set(
  'ami amar amake amader apni apnar apnader apnake tumi tomar koto kothay kokhon kobe keno kivabe kemon korte korbo korben korun kori chai achhe ache acche hobe hoy bolun bolben dhonnobad nomoskar taka dam jonno sathe shathe kotha pathan pathiye kinte ekta kichu jante janen janaben khola bondho thake ebong theke'.split(
    ' ',
  ),
);

/**
 * The stand-in's own reading of the language of the customer's words, as a model reads it (it shares
 * no code with the product's): Bengali or Devanagari script first, then romanised Hindi or Bengali
 * by their everyday words, English otherwise.
 */
export function saidLanguage(text: string): SaidLanguage {
  const bengaliScript = text.match(/[\u0980-\u09FF]/g)?.length ?? 0;
  const devanagari = text.match(/[\u0900-\u097F]/g)?.length ?? 0;
  if (bengaliScript > 0 && bengaliScript >= devanagari) return 'bn';
  if (devanagari > 0) return 'hi';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hindiWords = words.filter((word) => romanisedHindi.has(word)).length;
  const bengaliWords = words.filter((word) => romanisedBengali.has(word)).length;
  const enough = (count: number) => count >= 2 || (count === 1 && words.length <= 3);
  if (bengaliWords > hindiWords && enough(bengaliWords)) return 'banglish';
  return enough(hindiWords) ? 'hinglish' : 'en';
}
