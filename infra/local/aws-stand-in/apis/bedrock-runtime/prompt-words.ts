/**
 * How the offline stand-in model reads words: the topical words of a question or a passage, each
 * reduced to one meaning. A real model understands any wording in any language; the stand-in knows
 * only a small vocabulary of the business's domain (prices, payments, services, hours) in English,
 * Hindi, Bengali and their romanised forms, and every other word as itself (plurals and case
 * endings folded by a shared prefix). It shares no code and no word list with the local Knowledge
 * Base index: what it understands is its own, as a model's is.
 */

/** Words that say nothing about what is asked: function words and the small talk around a question. */
const notTopical = new Set(
  [
    // English
    'a an the is are was were be been being am do does did doing done have has had having i me my mine we us our ours you your yours it its this that these those he she they them their what which who whom whose when where why how many can could would should will shall may might must to of in on at by for from with about into over under and or but if then than so as not no yes please hi hello hey thanks thank there here any some all also just very really still again more most other another',
    'want wanted wanna need needs needed like know tell ask asking question questions help please pls plz kindly send get got give share provide information info detail details regarding ok okay good morning afternoon evening sir madam maam dear one build make makes making create design offer offers available go going explain anything something everything sure let see check look find take takes use using able possible way ways option options kind type types thing things someone somebody include includes included including works',
    // Hindi
    'है हैं था थे थी हो होता होती होगा होगी का की के को में से पर और या भी तो कि क्या यह वह ये वो मैं मुझे मेरा मेरी मेरे हम हमें हमारा हमारी आप आपका आपकी आपके तुम एक कैसे कब कहाँ कहां क्यों कौन जी नमस्ते जानना जानकारी बताइए बताइये बताएं बताओ चाहिए चाहता चाहती चाहते बारे कृपया करना करनी करने करते करता करती करें करो कीजिए सकता सकती सकते मिलेगा मिलेगी देना दें दीजिए वाला वाली वाले कोई कुछ सब अभी अब ना हाँ हां नहीं लिए साथ बात धन्यवाद शुक्रिया बनेगी बनेगा बनती बनता लगेगा लगेगी लगेंगे लगता लगती लगते बनाने बनाना बनवाना बनवाने',
    // Bengali
    'কি কী কেন কোথায় কখন কে আমি আমার আমাকে আমরা আমাদের আপনি আপনার আপনাদের আপনাকে তুমি তোমার এটা এই ওই এবং বা ও না হ্যাঁ আছে ছিল হয় হবে থেকে জন্য দিয়ে নমস্কার জানতে জানাবেন জানান চাই চাইছি বলুন বলবেন দয়া করে করুন করতে করেন সম্পর্কে একটু দিন দেবেন পারি পারেন কিছু কোনো একটা ঠিক সঙ্গে সাথে ধন্যবাদ হ্যালো কীভাবে কিভাবে তৈরি বানাতে বানানো লাগবে লাগে হতে',
    // Hinglish (romanised Hindi)
    'kya hai hain ka ki ke ko mein me se par aur ya bhi to toh yeh ye woh wo main mujhe mera meri mere hum aap aapka aapki aapke tum kab kahan kyun kaun kaise kaisa ji namaste bhai batao bataiye bataye bata janna jaanna jankari jaankari chahiye chahta chahti chahte kripya baare bare karna karni karo karein kijiye karu karun kar sakta sakti sakte milega milegi hoga hogi dena de do wala wali wale ek koi kuch sab abhi ab na haan nahi nahin ho tha thi dhanyavaad shukriya banegi banega banta banti banana banane lagega lagegi lagta lagti lagenge hota hoti',
    // Romanised Bengali
    'ami amar amake amader apni apnar apnader apnake tumi tomar kivabe kemon korte korbo korben korun kori chai chaichi achhe ache acche hobe hoy bolun bolben jante janen janaben janan dhonnobad dhanyabad nomoskar ektu ekta kichu kono jonno sathe shathe diye theke ebong ha hya doya kore somporke din er ta ti te tar kokhon kothay kobe keno kon thake thaken lagbe banabe',
  ].flatMap((list) => list.split(' ')),
);

/**
 * The stand-in's vocabulary: a meaning and the words that say it. A word outside it means itself.
 * Generic meanings (below) name what the business is, not what a question is about.
 */
const vocabulary: Record<string, string> = {
  price:
    'price prices pricing cost costs costing charge charges fee fees rate rates rupee rupees inr tariff daam dam keemat kimat qeemat mullo khoroch कीमत क़ीमत दाम मूल्य शुल्क फीस चार्ज দাম মূল্য খরচ ফি চার্জ',
  duration: 'duration day days week weeks दिन दिवस सप्ताह হপ্তা সপ্তাহ',
  website: 'website websites webpage वेबसाइट ওয়েবসাইট',
  starter: 'starter स्टार्टर স্টার্টার',
  whatsapp: 'whatsapp व्हाट्सएप व्हाट्सऐप व्हाट्सअप হোয়াটসঅ্যাপ',
  business: 'business बिज़नेस बिजनेस व्यापार ব্যবসা বিজনেস',
  setup: 'setup सेटअप সেটআপ',
  marketing: 'marketing मार्केटिंग মার্কেটিং',
  digital: 'digital डिजिटल ডিজিটাল',
  service: 'service services सेवा सेवाएँ सेवाएं सर्विस পরিষেবা সার্ভিস',
  annual: 'annual yearly वार्षिक सालाना বার্ষিক',
  care: 'care केयर কেয়ার',
  plan: 'plan plans प्लान প্ল্যান',
  gst: 'gst जीएसटी জিএসটি',
  filing: 'filing फाइलिंग ফাইলিং',
  hosting: 'hosting होस्टिंग হোস্টিং',
  domain: 'domain डोमेन ডোমেইন',
  pay: 'pay paying payment payments paid bhugtan भुगतान पेमेंट পেমেন্ট পরিশোধ',
  upi: 'upi यूपीआई ইউপিআই',
  card: 'card cards कार्ड কার্ড',
  cash: 'cash नकद कैश নগদ',
  refund: 'refund refunds refunded रिफंड धनवापसी রিফান্ড ফেরত ferot',
  cancel: 'cancel cancels cancelled canceled cancellation cancellations रद्द कैंसिल বাতিল batil',
  hours:
    'hours hour timing timings open opening opens close closed closing khulta khulte khula band samay shomoy somoy khola bondho समय खुलता खुलते खुला बंद সময় খোলা বন্ধ',
  office: 'office offices ऑफिस कार्यालय অফিস',
  sunday: 'sunday sundays ravivar robibar रविवार রবিবার',
  saturday: 'saturday saturdays shanivar shonibar शनिवार শনিবার',
  monday: 'monday mondays somvar shombar सोमवार সোমবার',
  holiday: 'holiday holidays chutti छुट्टी अवकाश ছুটি',
  invoice: 'invoice invoices bill bills billing इनवॉइस बिल ইনভয়েস বিল',
  language: 'language languages bhasha भाषा ভাষা',
  hindi: 'hindi हिंदी हिन्दी হিন্দি',
  bengali: 'bengali bangla बांग्ला बंगाली বাংলা',
  english: 'english अंग्रेज़ी अंग्रेजी ইংরেজি',
  contact: 'contact email phone ईमेल फ़ोन फोन ফোন ইমেল',
  data: 'data privacy डेटा ডেটা',
  safe: 'safe secure security सुरक्षित নিরাপদ',
  reply: 'reply replies respond response answer जवाब উত্তর',
  fast: 'fast quick quickly soon jaldi जल्दी তাড়াতাড়ি',
  advertising: 'ad ads advert advertising advertisement विज्ञापन বিজ্ঞাপন',
  post: 'post posts पोस्ट পোস্ট',
  template: 'template templates टेम्पलेट টেমপ্লেট',
  month: 'month months monthly mahina mahine महीना महीने मासिक মাস মাসিক',
  wecare: 'wecare',
};

/** Meanings that name the business itself: shared by many passages, so never support on their own. */
export const genericMeanings: ReadonlySet<string> = new Set([
  'wecare',
  'digital',
  'website',
  'service',
  'business',
  'whatsapp',
  'company',
  'team',
  'india',
]);

/** Phrases whose words mean something together ("how much" is a price), read before the words. */
const phrases: ReadonlyArray<[RegExp, string]> = [
  [/\bwecare[\s.]*digital\b/gi, ' wecare '],
  [
    /\bhow\s+(?:long|many\s+days|soon)\b|\b(?:kitne|kitna)\s+(?:din|time|samay)\b|\bkoto\s+din\b/gi,
    ' duration ',
  ],
  [/(?:कितने|कितना)\s+(?:दिन|समय)|কত\s+দিন/g, ' duration '],
  [/\bhow\s+much\b|\b(?:kitna|kitne|kitni|koto)\b/gi, ' price '],
  [/(?:कितना|कितने|कितनी)|কত(?![\p{L}\p{M}])/gu, ' price '],
  [/\bmoney\s+back\b/gi, ' refund '],
];

const meaningOfForm = new Map<string, string>();
for (const [meaning, forms] of Object.entries(vocabulary))
  for (const form of forms.split(' ')) meaningOfForm.set(form.normalize('NFC'), meaning);
const forms = [...meaningOfForm.keys()];

/** A word's meaning: the vocabulary's, or the word itself with an English plural folded. */
function meaningOf(word: string): string {
  const known = meaningOfForm.get(word);
  if (known) return known;
  const extended = forms.find((form) => extends_(word, form));
  if (extended) return meaningOfForm.get(extended) ?? word;
  if (/^[a-z]{5,}s$/.test(word) && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `word` is `stem` with an ending (a plural, a case ending: payments, कीमतें, ওয়েবসাইটের). */
function extends_(word: string, stem: string): boolean {
  const minimum = /^[a-z]/.test(stem) ? 4 : 3;
  return stem.length >= minimum && word.startsWith(stem) && word.length - stem.length <= 3;
}

/** The topical meanings of a text, in order of first appearance. */
export function topicalMeanings(text: string): string[] {
  let read = text.normalize('NFC');
  for (const [pattern, meaning] of phrases) read = read.replace(pattern, meaning);
  if (/₹|\brs\.?\s?\d/i.test(read)) read = `${read} price`;
  const meanings = new Set<string>();
  for (const raw of read.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const word = raw.toLocaleLowerCase('en');
    if (/^\p{N}+$/u.test(word) || word.length < 2 || notTopical.has(word)) continue;
    meanings.add(meaningOf(word));
  }
  return [...meanings];
}

/** Whether a text's meanings include `meaning` (or a word that extends it, or it extends). */
export function includesMeaning(meanings: ReadonlySet<string>, meaning: string): boolean {
  if (meanings.has(meaning)) return true;
  for (const candidate of meanings)
    if (longEnough(candidate, meaning) && (extends_(candidate, meaning) || extends_(meaning, candidate)))
      return true;
  return false;
}

function longEnough(first: string, second: string): boolean {
  return Math.min(first.length, second.length) >= (/^[a-z]/.test(first) ? 5 : 3);
}
