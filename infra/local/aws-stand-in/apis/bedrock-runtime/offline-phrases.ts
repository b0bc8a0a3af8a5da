import type { SaidLanguage as CustomerLanguage } from './said-language.ts';

/** What the offline model says, per language: it never makes facts up, so these carry none. */
export const phrases: Record<
  CustomerLanguage,
  {
    noSource: string;
    grounded: string;
    handoff: string;
    invoice: (description: string, amount: string, link: string) => string;
    invoicePending: (description: string, amount: string) => string;
    whichService: string;
    toolFailed: string;
    contact: (name: string) => string;
    templateSent: string;
  }
> = {
  en: {
    noSource:
      "I'm sorry, I don't have that information in our documents, and I don't want to guess. Would you like me to connect you with a person from our team?",
    grounded: '',
    handoff:
      "I've asked a member of our team to take over. They will reply here soon (Monday to Saturday, 10:00–19:00 IST).",
    invoice: (description, amount, link) =>
      `Here is your payment link for ${description} (${amount}): ${link}`,
    invoicePending: (description, amount) =>
      `I've prepared an invoice for ${description} (${amount}). A member of our team will approve it and send you the payment link shortly.`,
    whichService:
      'Which service would you like to pay for? Our services are listed in our price list; tell me the name and I will prepare the invoice.',
    toolFailed:
      "Sorry, something went wrong on our side. I've noted it; would you like me to connect you with a person?",
    contact: (name) => `We have you on file as ${name}.`,
    templateSent: "Done: I've sent it to you.",
  },
  hinglish: {
    noSource:
      'Sorry, yeh jaankari hamare documents mein nahi hai, aur main andaaza nahi lagaunga. Kya main aapko hamari team ke kisi vyakti se connect karun?',
    grounded: 'Hamare documents ke hisaab se: ',
    handoff:
      'Maine hamari team ke ek member ko bula liya hai. Woh jaldi yahin reply karenge (Somvar se Shanivar, 10:00–19:00 IST).',
    invoice: (description, amount, link) => `${description} (${amount}) ke liye aapka payment link: ${link}`,
    invoicePending: (description, amount) =>
      `${description} (${amount}) ka invoice taiyaar hai. Hamari team ise approve karke jaldi payment link bhejegi.`,
    whichService:
      'Aap kis service ke liye payment karna chahte hain? Service ka naam batayein, main invoice bana dunga.',
    toolFailed: 'Sorry, hamari taraf kuch gadbad hui. Kya main aapko kisi vyakti se connect karun?',
    contact: (name) => `Hamare records mein aapka naam ${name} hai.`,
    templateSent: 'Ho gaya, maine bhej diya hai.',
  },
  hi: {
    noSource:
      'क्षमा करें, यह जानकारी हमारे दस्तावेज़ों में नहीं है, और मैं अनुमान नहीं लगाना चाहता। क्या मैं आपको हमारी टीम के किसी व्यक्ति से जोड़ दूँ?',
    grounded: 'हमारे दस्तावेज़ों के अनुसार: ',
    handoff: 'मैंने हमारी टीम के एक सदस्य को बुला लिया है। वे जल्द ही यहीं जवाब देंगे (सोमवार से शनिवार, 10:00–19:00 IST)।',
    invoice: (description, amount, link) => `${description} (${amount}) के लिए आपका भुगतान लिंक: ${link}`,
    invoicePending: (description, amount) =>
      `${description} (${amount}) का इनवॉइस तैयार है। हमारी टीम इसे स्वीकृत करके जल्द ही भुगतान लिंक भेजेगी।`,
    whichService: 'आप किस सेवा के लिए भुगतान करना चाहते हैं? सेवा का नाम बताइए, मैं इनवॉइस बना दूँगा।',
    toolFailed: 'क्षमा करें, हमारी ओर से कुछ गड़बड़ हुई। क्या मैं आपको किसी व्यक्ति से जोड़ दूँ?',
    contact: (name) => `हमारे रिकॉर्ड में आपका नाम ${name} है।`,
    templateSent: 'हो गया, मैंने भेज दिया है।',
  },
  bn: {
    noSource:
      'দুঃখিত, এই তথ্য আমাদের নথিতে নেই, আর আমি অনুমান করতে চাই না। আমি কি আপনাকে আমাদের দলের কারও সঙ্গে যোগাযোগ করিয়ে দেব?',
    grounded: 'আমাদের নথি অনুযায়ী: ',
    handoff: 'আমি আমাদের দলের একজনকে ডেকেছি। তিনি শীঘ্রই এখানে উত্তর দেবেন (সোম থেকে শনি, 10:00–19:00 IST)।',
    invoice: (description, amount, link) => `${description} (${amount})-এর জন্য আপনার পেমেন্ট লিংক: ${link}`,
    invoicePending: (description, amount) =>
      `${description} (${amount})-এর ইনভয়েস তৈরি। আমাদের দল অনুমোদন করে শীঘ্রই পেমেন্ট লিংক পাঠাবে।`,
    whichService: 'আপনি কোন পরিষেবার জন্য পেমেন্ট করতে চান? নামটি বলুন, আমি ইনভয়েস তৈরি করে দেব।',
    toolFailed: 'দুঃখিত, আমাদের দিকে কিছু সমস্যা হয়েছে। আমি কি আপনাকে কারও সঙ্গে যোগাযোগ করিয়ে দেব?',
    contact: (name) => `আমাদের রেকর্ডে আপনার নাম ${name}।`,
    templateSent: 'হয়ে গেছে, আমি পাঠিয়ে দিয়েছি।',
  },
};
