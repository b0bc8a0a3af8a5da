import type { PassageLanguage } from './passage-sections.ts';
import type { SaidLanguage } from './said-language.ts';

/**
 * What the offline stand-in model says around the passages it quotes, per language. It states no
 * fact of its own (no price, hours or policy): facts come only from passages and tool results.
 */
export interface OfflinePhrases {
  /** Nothing in the passages answers: said so, and a person offered. */
  noSource: string;
  /** Before a section quoted from a document in another language than the customer's. */
  quoting: (passageLanguage: PassageLanguage) => string;
  greeting: string;
  anythingElse: string;
  handoff: string;
  /** The payment link, with what a tool result says of it (the amount only when the result has one). */
  invoice: (service: string, amount: string | undefined, link: string) => string;
  invoicePending: (service: string, amount: string | undefined) => string;
  /** No link in the result (the platform sent the customer the details to confirm). */
  invoiceSent: (service: string) => string;
  /** The customer wants to pay but names no service of the catalog (or several): which one? */
  whichService: (services: readonly string[]) => string;
  reminderWhen: string;
  toolFailed: string;
  contact: (name: string) => string;
  notOnFile: string;
  done: string;
}

const englishNames = { en: 'English', hi: 'Hindi', bn: 'Bengali' } as const;

export const phrases: Record<SaidLanguage, OfflinePhrases> = {
  en: {
    noSource:
      "I'm sorry, I don't have that information in our documents, and I don't want to guess. Would you like me to connect you with a person from our team?",
    quoting: (language) => `From our document in ${englishNames[language]}:`,
    greeting: 'Hello! How can I help you today?',
    anythingElse: 'Happy to help. Is there anything else you would like to know?',
    handoff: "I've asked a member of our team to take over. They will reply to you here.",
    invoice: (service, amount, link) =>
      `Here is your payment link for ${service}${amount ? ` (${amount})` : ''}: ${link}`,
    invoicePending: (service, amount) =>
      `I've prepared an invoice for ${service}${amount ? ` (${amount})` : ''}. A member of our team will approve it and send you the payment link.`,
    invoiceSent: (service) => `I've sent you the details for ${service}.`,
    whichService: (services) =>
      `Which service would you like to pay for${services.length > 0 ? `: ${services.join(', ')}` : ''}? Tell me its name and I will prepare the payment link.`,
    reminderWhen: 'For which date and time should I send you the reminder?',
    toolFailed:
      "Sorry, something went wrong on our side. I've noted it; would you like me to connect you with a person?",
    contact: (name) => `We have you on file as ${name}.`,
    notOnFile: "We don't have your details on file yet.",
    done: "Done: I've sent it to you.",
  },
  hinglish: {
    noSource:
      'Sorry, yeh jaankari hamare documents mein nahi hai, aur main andaaza nahi lagaunga. Kya main aapko hamari team ke kisi vyakti se connect karun?',
    quoting: (language) => `Hamare ${englishNames[language]} document ke hisaab se:`,
    greeting: 'Namaste! Bataiye, main aapki kya madad kar sakta hoon?',
    anythingElse: 'Theek hai. Kya main aur kisi cheez mein madad kar sakta hoon?',
    handoff: 'Maine hamari team ke ek member ko bula liya hai. Woh yahin aapko reply karenge.',
    invoice: (service, amount, link) =>
      `${service}${amount ? ` (${amount})` : ''} ke liye aapka payment link: ${link}`,
    invoicePending: (service, amount) =>
      `${service}${amount ? ` (${amount})` : ''} ka invoice taiyaar hai. Hamari team ise approve karke payment link bhejegi.`,
    invoiceSent: (service) => `Maine aapko ${service} ki details bhej di hain.`,
    whichService: (services) =>
      `Aap kis service ke liye payment karna chahte hain${services.length > 0 ? `: ${services.join(', ')}` : ''}? Service ka naam batayein, main payment link bana dunga.`,
    reminderWhen: 'Reminder kis date aur time ke liye bhejun?',
    toolFailed: 'Sorry, hamari taraf kuch gadbad hui. Kya main aapko kisi vyakti se connect karun?',
    contact: (name) => `Hamare records mein aapka naam ${name} hai.`,
    notOnFile: 'Hamare records mein abhi aapki details nahi hain.',
    done: 'Ho gaya, maine bhej diya hai.',
  },
  hi: {
    noSource:
      'क्षमा करें, यह जानकारी हमारे दस्तावेज़ों में नहीं है, और मैं अनुमान नहीं लगाना चाहता। क्या मैं आपको हमारी टीम के किसी व्यक्ति से जोड़ दूँ?',
    quoting: (language) => `हमारे ${{ en: 'अंग्रेज़ी', hi: 'हिंदी', bn: 'बांग्ला' }[language]} दस्तावेज़ के अनुसार:`,
    greeting: 'नमस्ते! बताइए, मैं आपकी क्या मदद कर सकता हूँ?',
    anythingElse: 'ठीक है। क्या मैं किसी और चीज़ में आपकी मदद कर सकता हूँ?',
    handoff: 'मैंने हमारी टीम के एक सदस्य को बुला लिया है। वे यहीं आपको जवाब देंगे।',
    invoice: (service, amount, link) =>
      `${service}${amount ? ` (${amount})` : ''} के लिए आपका भुगतान लिंक: ${link}`,
    invoicePending: (service, amount) =>
      `${service}${amount ? ` (${amount})` : ''} का इनवॉइस तैयार है। हमारी टीम इसे स्वीकृत करके भुगतान लिंक भेजेगी।`,
    invoiceSent: (service) => `मैंने आपको ${service} का विवरण भेज दिया है।`,
    whichService: (services) =>
      `आप किस सेवा के लिए भुगतान करना चाहते हैं${services.length > 0 ? `: ${services.join(', ')}` : ''}? सेवा का नाम बताइए, मैं भुगतान लिंक बना दूँगा।`,
    reminderWhen: 'रिमाइंडर किस तारीख़ और समय के लिए भेजूँ?',
    toolFailed: 'क्षमा करें, हमारी ओर से कुछ गड़बड़ हुई। क्या मैं आपको किसी व्यक्ति से जोड़ दूँ?',
    contact: (name) => `हमारे रिकॉर्ड में आपका नाम ${name} है।`,
    notOnFile: 'हमारे रिकॉर्ड में अभी आपकी जानकारी नहीं है।',
    done: 'हो गया, मैंने भेज दिया है।',
  },
  bn: {
    noSource:
      'দুঃখিত, এই তথ্য আমাদের নথিতে নেই, আর আমি অনুমান করতে চাই না। আমি কি আপনাকে আমাদের দলের কারও সঙ্গে যোগাযোগ করিয়ে দেব?',
    quoting: (language) => `আমাদের ${{ en: 'ইংরেজি', hi: 'হিন্দি', bn: 'বাংলা' }[language]} নথি অনুযায়ী:`,
    greeting: 'নমস্কার! বলুন, আমি আপনাকে কীভাবে সাহায্য করতে পারি?',
    anythingElse: 'ঠিক আছে। আর কিছুতে সাহায্য করতে পারি?',
    handoff: 'আমি আমাদের দলের একজনকে ডেকেছি। তিনি এখানেই আপনাকে উত্তর দেবেন।',
    invoice: (service, amount, link) =>
      `${service}${amount ? ` (${amount})` : ''}-এর জন্য আপনার পেমেন্ট লিংক: ${link}`,
    invoicePending: (service, amount) =>
      `${service}${amount ? ` (${amount})` : ''}-এর ইনভয়েস তৈরি। আমাদের দল অনুমোদন করে পেমেন্ট লিংক পাঠাবে।`,
    invoiceSent: (service) => `আমি আপনাকে ${service}-এর বিবরণ পাঠিয়ে দিয়েছি।`,
    whichService: (services) =>
      `আপনি কোন পরিষেবার জন্য পেমেন্ট করতে চান${services.length > 0 ? `: ${services.join(', ')}` : ''}? নামটি বলুন, আমি পেমেন্ট লিংক তৈরি করে দেব।`,
    reminderWhen: 'কোন তারিখ আর সময়ের জন্য রিমাইন্ডার পাঠাব?',
    toolFailed: 'দুঃখিত, আমাদের দিকে কিছু সমস্যা হয়েছে। আমি কি আপনাকে কারও সঙ্গে যোগাযোগ করিয়ে দেব?',
    contact: (name) => `আমাদের রেকর্ডে আপনার নাম ${name}।`,
    notOnFile: 'আমাদের রেকর্ডে এখনও আপনার তথ্য নেই।',
    done: 'হয়ে গেছে, আমি পাঠিয়ে দিয়েছি।',
  },
  banglish: {
    noSource:
      'Dukkhito, ei tottho amader documents-e nei, ar ami anuman korte chai na. Apnake ki amader team-er karo sathe jog kore debo?',
    quoting: (language) =>
      `Amader ${{ en: 'English', hi: 'Hindi', bn: 'Bangla' }[language]} document onujayi:`,
    greeting: 'Nomoskar! Bolun, ami apnake kivabe sahajjo korte pari?',
    anythingElse: 'Thik ache. Ar kichu niye sahajjo korte pari?',
    handoff: 'Ami amader team-er ekjon ke dekechi. Tini ekhanei apnake uttor deben.',
    invoice: (service, amount, link) =>
      `${service}${amount ? ` (${amount})` : ''}-er jonno apnar payment link: ${link}`,
    invoicePending: (service, amount) =>
      `${service}${amount ? ` (${amount})` : ''}-er invoice toiri. Amader team approve kore payment link pathabe.`,
    invoiceSent: (service) => `Ami apnake ${service}-er details pathiye diyechi.`,
    whichService: (services) =>
      `Apni kon service-er jonno payment korte chan${services.length > 0 ? `: ${services.join(', ')}` : ''}? Namta bolun, ami payment link toiri kore debo.`,
    reminderWhen: 'Kon tarikh ar somoyer jonno reminder pathabo?',
    toolFailed: 'Dukkhito, amader dike kichu somossa hoyeche. Apnake ki karo sathe jog kore debo?',
    contact: (name) => `Amader record-e apnar naam ${name}.`,
    notOnFile: 'Amader record-e ekhono apnar tottho nei.',
    done: 'Hoye geche, ami pathiye diyechi.',
  },
};

/** The model's own offers of a person, in every language: a "yes" after one is a yes to a person. */
export const offersOfAPerson: ReadonlyArray<{ text: string; reason: 'out-of-kb' | 'tool-error' }> =
  Object.values(phrases).flatMap((said) => [
    { text: said.noSource, reason: 'out-of-kb' as const },
    { text: said.toolFailed, reason: 'tool-error' as const },
  ]);

/** The model's own question asking which service to pay for, in every language (its opening words). */
export const whichServiceOpenings: readonly string[] = Object.values(phrases).map((said) =>
  said.whichService([]).slice(0, 24),
);
