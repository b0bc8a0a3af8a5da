/**
 * Words that say nothing about what a question is about, in the languages customers write in
 * (English, Hindi, Bengali and romanised Hindi). Left out of the index and of queries, so that
 * "do you sell pizza" is about pizza, not about "do" and "you".
 */
const english =
  'a an the is are was were be been am do does did doing have has had i me my we our you your it its this that these those he she they them their what which who whom when where why how much many can could would should will shall may might must to of in on at by for from with about into over under and or but if then than so as not no yes please hi hello hey thanks thank there here any some all';
const hindi =
  'है हैं था थे थी हो होता होती का की के को में से पर और या भी तो कि क्या यह वह ये वो मैं मुझे मेरा मेरी हम हमें हमारा आप आपका आपकी आपके तुम एक कैसे कब कहाँ क्यों कौन कितना कितने कितनी जी नमस्ते';
const bengali =
  'কি কী কেন কোথায় কখন কে আমি আমার আমরা আপনি আপনার তুমি এটা এই ওই এবং বা ও না হ্যাঁ আছে ছিল হয় হবে থেকে জন্য দিয়ে নমস্কার';
const hinglish =
  'kya hai hain ka ki ke ko mein me se par aur ya bhi to ki yeh ye woh wo main mujhe mera meri hum aap aapka aapki aapke tum kab kahan kyun kaun kitna kitne kitni ji namaste bhai';

export const stopwords: ReadonlySet<string> = new Set(
  [english, hindi, bengali, hinglish].flatMap((list) => list.split(' ')),
);

/**
 * Question words that carry the topic in everyday speech ("how much", "kitna", "कितने का") mapped
 * to the words the documents use, so that a price question finds the price list.
 */
const price = ['price', 'prices', 'कीमत', 'कीमतें', 'দাম'];
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
  ['timing', ['hours']],
  ['timings', ['hours']],
  ['khulta', ['hours']],
]);
