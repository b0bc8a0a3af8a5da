/**
 * The languages the assistant answers in. `hinglish` and `banglish` are Hindi and Bengali written
 * in Latin letters, as many customers type them on WhatsApp; they are answered the same way, in
 * Latin letters (a customer who types "koto taka" may not read Bengali script comfortably, and
 * one who types "kitne ka hai" may not read Devanagari). A customer who writes in a script is
 * answered in that script.
 */
export type CustomerLanguage = 'en' | 'hi' | 'bn' | 'hinglish' | 'banglish';

/**
 * Everyday romanised Hindi and Bengali words, typos included ("muje", "chaiye", "krbo"). A word is
 * listed only if it is not also common English; repeated letters are forgiven ("kitnaa", "achhaa").
 */
const hindiWords = words(`
  hai hain h hu hoon hun ho hoga hogi honge hota hoti hote tha thi
  mujhe muje mujhko mujhy mjhe humko hume humein hamein hamara hamare hamari mera meri mere apna apne
  aap aapka aapki aapke aapko apka apki apke apko tum tumhara tera teri ye yeh wo woh
  kya kia kyu kyun kyon kaise kaisa kaisi kese kahan kidhar kab kitna kitne kitni ktna ktne
  nahi nahin nhi chahiye chahie chaiye chahiya chahye chahta chahti chahte
  karna karni karne karo karein kariye kijiye kijie karwana karwani karunga karungi kar kr krna kardo krdo
  dena dedo dijiye dijie bhejo bhej bhejiye bhejna bata batao bataiye bataye btao batana
  milega milegi milenge milta milti mila mili lagega lagegi lagta lgega lagenge
  raha rahi rahe rha rhi gaya gayi gaye gya gyi hua hui huwa sakta sakti sakte skta jayega jayegi
  tak abhi jaldi kuch kuchh bahut bohot bhut thoda wala wali wale wapas vapas paisa paise rupaye rupye
  yaar yar arre arey theek haan ji bhaiya aaj parso kripya dhanyavad dhanyawad shukriya namaste
  matlab samajh pata ka ko se mein par bhi aur lekin magar phir banwana banwani banwane banega banegi
  banao banani banane chalega kaam mahina mahine
`);
const bengaliWords = words(`
 ami amar amr amake amay amra amader apnar apnr apnake apnara apnader tumi tomar tomake
  keno kno kothay kothai kokhon kobe kono kichu kivabe kibhabe bhabe vabe kemon kmn koto kto
  ache achhe ase asche nei naki hobe hbe hoy hoye hoyeche hoyni hoini holo hocche hochhe
  korbo krbo korben korte krte kore koro korun korchi korechi korlam korle korbe
  lagbe lgbe lage lagche chai chaichi debo deben diben dite dao diye dilam pabo pabe paben pete pelam paini
  nebo niben nite niye bolun bolben bolo bolte janaben janan janabo jante jani taka takar takay
  theke jonno jnno sathe songe ekta ekti ektu ekhon akhon ekhane ajke kalke bhalo valo kharap
  nomoskar nomoshkar dhonnobad dhonyobad kintu tahole tobe jodi ar kaj kajer geche gelo jabe
  banan banaben banate banabo baniye banano koren den nen pathan pathiye pathabo pathaben dekhun
  khola khole khulbe bondho dekhacche dekhache porbe dokan shob onek
`);
/** Romanised words both languages use: evidence of an Indian language, not of which one. */
const sharedWords = words(
  'ki ke kon na nai kal din thik acha achha accha dada didi bhai ek tk aj apni namaskar',
);
/**
 * English grammar words. Left out on purpose: words Hinglish sentences use as their own ("me",
 * "to", "do", "is", "main", "us", "so") and courtesies anyone writes ("ok", "hi", "thanks", "please").
 */
const englishWords = words(`
  i you he she we they it my your our their a an the are am was were be been have has had will would
  can could should shall may must what when where why how which who this that these those there here
  for with from about of on at by in and or but if not don didn doesn isn does did want need like get got
  know tell any some much many also still just very see too already
`);

/**
 * The language to answer a message in. A script decides (Bengali or Devanagari letters, whatever
 * Latin words come with them). Otherwise the message's everyday words decide between romanised
 * Hindi, romanised Bengali and English; a message that says too little to tell ("ok", "hi", "?",
 * "website price", one loanword) keeps `previous`, the language the conversation was in.
 */
export function customerLanguage(text: string, previous: CustomerLanguage = 'en'): CustomerLanguage {
  const bengali = text.match(/[\u0980-\u09FF]/g)?.length ?? 0;
  // The danda (U+0964, U+0965) is shared: Bengali writes the Devanagari full stop.
  const devanagari = text.match(/[\u0900-\u0963\u0966-\u097F]/g)?.length ?? 0;
  if (bengali + devanagari > 0) return bengali >= devanagari ? 'bn' : 'hi';

  const count = { hindi: 0, bengali: 0, shared: 0, english: 0 };
  for (const word of latinWords(text)) {
    const kind = kindOf(word);
    if (kind) count[kind] += 1;
  }
  const indian = count.hindi + count.bengali + count.shared;
  const romanised = romanisedLanguage(count, previous);
  if (indian >= 2 && indian >= count.english) return romanised;
  if (count.english >= 2 && count.english > indian) return 'en';
  // One Hindi or Bengali word and nothing else ("ji", "chahiye"): enough to leave English, not
  // enough to move a conversation already in an Indian language.
  if (indian === 1 && count.shared === 0 && count.english === 0)
    return previous === 'en' ? romanised : previous;
  return previous;
}

/**
 * The language of a conversation from the customer's messages, oldest first: each message that
 * says enough sets it, and the others ("ok", "thanks") keep it.
 */
export function conversationLanguage(messages: readonly string[]): CustomerLanguage {
  return messages.reduce<CustomerLanguage>((language, message) => customerLanguage(message, language), 'en');
}

type WordKind = 'hindi' | 'bengali' | 'shared' | 'english';

/** Hindi or Bengali by their own words; by the conversation (else Hindi) when only shared words tell. */
function romanisedLanguage(count: Record<WordKind, number>, previous: CustomerLanguage): CustomerLanguage {
  if (count.hindi > count.bengali) return 'hinglish';
  if (count.bengali > count.hindi) return 'banglish';
  return previous === 'bn' || previous === 'banglish' ? 'banglish' : 'hinglish';
}

const kinds = new Map<string, WordKind>();
const forgivingKinds = new Map<string, WordKind>();
for (const [list, kind] of [
  [englishWords, 'english'],
  [sharedWords, 'shared'],
  [hindiWords, 'hindi'],
  [bengaliWords, 'bengali'],
] as const) {
  for (const word of list) {
    if (!kinds.has(word)) kinds.set(word, kind);
    // English first: "seeee" is "see", not the Hindi "se".
    if (!forgivingKinds.has(withoutRepeats(word))) forgivingKinds.set(withoutRepeats(word), kind);
  }
}

function kindOf(word: string): WordKind | undefined {
  return kinds.get(word) ?? forgivingKinds.get(withoutRepeats(word));
}

/** Latin words in lower case, without accents, links or e-mail addresses (they are not language). */
function latinWords(text: string): string[] {
  const prose = text
    .replace(/\b(?:https?:\/\/|www\.)\S+|\S+@\S+/gi, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  return prose.match(/[a-z]+/g) ?? [];
}

function withoutRepeats(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}
