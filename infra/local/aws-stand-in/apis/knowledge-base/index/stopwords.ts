/**
 * Words that say nothing about what a question is about, in the languages customers write in
 * (English, Hindi, Bengali, romanised Hindi and romanised Bengali). Left out of the index and of
 * queries, so that "do you sell pizza" is about pizza, not about "do" and "you". Listed as people
 * write them (inflected forms included); the index compares them in their normalised spelling.
 */
const english =
  'a an the is are was were be been am do does did doing have has had i me my we our you your it its this that these those he she they them their what which who whom when where why how much many can could would should will shall may might must to of in on at by for from with about into over under and or but if then than so as not no yes please hi hello hey thanks thank there here any some all';
const hindi =
  'है हैं था थे थी हो होता होती का की के को में से पर और या भी तो कि क्या यह वह ये वो मैं मुझे मेरा मेरी हम हमें हमारा आप आपका आपकी आपके तुम एक कैसे कब कहाँ क्यों कौन कितना कितने कितनी जी नमस्ते';
const bengali =
  'কি কী কেন কোথায় কখন কবে কে কারা কোন কোনো কত কীভাবে কিভাবে কেমন আমি আমার আমাকে আমরা আমাদের আপনি আপনার আপনাকে আপনারা আপনাদের তুমি তোমার তোমাকে সে তিনি উনি তারা তার তাদের এটা এটি ওটা সেটা এই ওই সেই যে যা এ এর ও এবং আর বা অথবা কিন্তু তবে তাহলে যদি না নয় নেই হ্যাঁ আছে ছিল হয় হবে হয়েছে হচ্ছে করে করা করতে করব করবো করেন করুন পারি পারেন পারব চাই পাব পাবো পাবেন পেতে পাওয়া যাবে যায় লাগে লাগবে একটা একটি কিছু সব খুব শুধু মধ্যে থেকে জন্য দিয়ে নিয়ে সঙ্গে সাথে কাছে দয়া প্লিজ বলুন জানাবেন নমস্কার ধন্যবাদ হ্যালো';
const hinglish =
  'kya hai hain ka ki ke ko mein me se par aur ya bhi to ki yeh ye woh wo main mujhe mera meri hum aap aapka aapki aapke tum kab kahan kyun kaun kitna kitne kitni ji namaste bhai';

const banglish =
  'ami amar amake amra amader apni apnar apnake apnara apnader tumi tomar ki keno kothay kokhon kobe ke kon kono koto kivabe kibhabe bhabe vabe kemon eta ei oi sei je ja ar ba o na nei ache achhe ase hobe hoy hoye theke jonno diye niye kore korbo korben korte koro korun lagbe chai ekta ekti kichu bolun janaben dada didi nomoskar';

export const stopwords: ReadonlySet<string> = new Set(
  [english, hindi, bengali, hinglish, banglish].flatMap((list) => list.split(' ')),
);

/**
 * Question words that carry the topic in everyday speech ("how much", "kitna", "কত টাকা", "খোলে")
 * mapped to the words the documents use, so that a price question finds the price list and a
 * question about opening finds the hours. "কত"/"koto" is not here: it asks "how many days" as
 * often as "how much".
 */
const price = ['price', 'prices', 'कीमत', 'कीमतें', 'দাম'];
const hours = ['hours', 'समय', 'সময়'];
export const queryMeanings: ReadonlyMap<string, string[]> = new Map([
  ['much', price],
  ['cost', price],
  ['costs', price],
  ['charge', price],
  ['charges', price],
  ['fee', price],
  ['fees', price],
  ['kitna', price],
  ['kitne', price],
  ['kitni', price],
  ['कितना', price],
  ['कितनी', price],
  ['দাম', price],
  ['খরচ', price],
  ['taka', price],
  ['dam', price],
  ['daam', price],
  ['timing', hours],
  ['timings', hours],
  ['khulta', hours],
  ['khulti', hours],
  ['खुलता', hours],
  ['खुलती', hours],
  ['khole', hours],
  ['khola', hours],
  ['খোলে', hours],
  ['খোলা', hours],
  ['খোলেন', hours],
  ['খুলবে', hours],
]);
