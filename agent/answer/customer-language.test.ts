import { describe, expect, it } from 'vitest';
import { type CustomerLanguage, conversationLanguage, customerLanguage } from './customer-language.ts';

describe('customerLanguage', () => {
  // Messages as customers type them on WhatsApp, typos and all, read with no earlier language.
  it.each<[string, CustomerLanguage]>([
    // English
    ['What are your office hours on Saturday?', 'en'],
    ['How much does the Website Starter cost?', 'en'],
    ['I paid through UPI but it shows failed, can you check?', 'en'],
    ['can i get a refund if the work has not started', 'en'],
    ['i want to talk to a person please', 'en'],
    ['wht is the price of whatsapp setup??', 'en'],
    // English with one Hindi or Bengali loanword stays English
    ['My website is still not live, when will it be done yaar?', 'en'],
    ['Can you send the invoice to my bhai on email', 'en'],
    ['Hello ji, what are your timings?', 'en'],
    ['How much for the chai stall website?', 'en'],
    // Hindi in Devanagari
    ['मुझे वेबसाइट चाहिए', 'hi'],
    ['रिफंड कब मिलेगा?', 'hi'],
    ['आपका ऑफिस कितने बजे खुलता है', 'hi'],
    ['भुगतान हो गया पर लिंक एक्सपायर दिखा रहा है।', 'hi'],
    // Bengali in Bengali script (with the shared danda)
    ['আমার একটা ওয়েবসাইট লাগবে।', 'bn'],
    ['রিফান্ড কবে পাব?', 'bn'],
    ['আপনাদের অফিস শনিবার খোলা থাকে?', 'bn'],
    ['টাকা কেটে গেছে কিন্তু পেমেন্ট ফেল দেখাচ্ছে', 'bn'],
    // Script wins over the Latin words around it
    ['website का price क्या है', 'hi'],
    ['amar website লাগবে', 'bn'],
    ['Please send the invoice, ধন্যবাদ', 'bn'],
    ['UPI से payment कर दिया', 'hi'],
    // Hinglish
    ['mujhe website chahiye', 'hinglish'],
    ['kitne ka hai', 'hinglish'],
    ['kab tak milega', 'hinglish'],
    ['Website banane me kitna time lagega?', 'hinglish'],
    ['mera payment fail ho gaya but paisa debit ho gaya, please check karo', 'hinglish'],
    ['bhai refund kab tak aayega', 'hinglish'],
    ['muje ek website chaiye apne shop ke liye', 'hinglish'],
    ['kitnaa lgega whatsapp setup ka??', 'hinglish'],
    ['sir mujhe kisi se baat karni hai', 'hinglish'],
    ['aapka office kab khulta h', 'hinglish'],
    ['payment link bhej do', 'hinglish'],
    // Romanised Bengali
    ['amar website lagbe', 'banglish'],
    ['koto taka', 'banglish'],
    ['ki bhabe payment korbo', 'banglish'],
    ['apnader office kokhon khole?', 'banglish'],
    ['refund kobe pabo dada', 'banglish'],
    ['ami payment korechi kintu fail dekhacche', 'banglish'],
    ['amr ekta website banate koto din lagbe', 'banglish'],
    ['kivabe pement krbo bolun', 'banglish'],
    ['thik ache, invoice ta pathiye din', 'banglish'],
    ['Website starter er dam koto?', 'banglish'],
    ['apni ki website banan?', 'banglish'],
    ['Payment done. Invoice pathan', 'banglish'],
  ])('reads "%s" as %s', (message, language) => {
    expect(customerLanguage(message)).toBe(language);
  });

  // Short or empty messages say too little: the conversation keeps its language.
  it.each<[string, CustomerLanguage]>([
    ['ok', 'bn'],
    ['Ok', 'hinglish'],
    ['hi', 'hi'],
    ['?', 'banglish'],
    ['👍', 'hi'],
    ['Thanks!', 'bn'],
    ['thank you', 'hinglish'],
    ['website price', 'banglish'],
    ['https://wecare.digital/l/ki-hai', 'en'],
    ['', 'hi'],
  ])('keeps "%s" in the conversation language %s', (message, previous) => {
    expect(customerLanguage(message, previous)).toBe(previous);
  });

  it('reads a short message with no earlier language as English', () => {
    for (const message of ['ok', 'hi', '?', 'Thanks', 'k', 'hmm', '123']) {
      expect(customerLanguage(message), message).toBe('en');
    }
  });

  it('lets one Indian word leave English but not move an Indian-language conversation', () => {
    expect(customerLanguage('ji')).toBe('hinglish');
    expect(customerLanguage('ji', 'hi')).toBe('hi');
    expect(customerLanguage('chahiye', 'bn')).toBe('bn');
    expect(customerLanguage('lagbe')).toBe('banglish');
  });

  it('decides a message of words both romanised languages share by the conversation', () => {
    expect(customerLanguage('accha thik', 'bn')).toBe('banglish');
    expect(customerLanguage('accha thik', 'hi')).toBe('hinglish');
    expect(customerLanguage('accha thik')).toBe('hinglish');
  });

  it('follows a customer who changes language with a whole sentence', () => {
    expect(customerLanguage('What is the price of the Annual Care Plan?', 'bn')).toBe('en');
    expect(customerLanguage('amar refund kobe hobe', 'en')).toBe('banglish');
    expect(customerLanguage('রিফান্ড কবে পাব', 'hinglish')).toBe('bn');
  });

  it('forgives stretched letters', () => {
    expect(customerLanguage('kitnaaa hai?')).toBe('hinglish');
    expect(customerLanguage('kotooo takaaa')).toBe('banglish');
    // "seeee" is English "see", not the Hindi "se"
    expect(customerLanguage('seeee you there')).toBe('en');
  });
});

describe('conversationLanguage', () => {
  it.each<[string[], CustomerLanguage]>([
    [['আমার ওয়েবসাইট লাগবে', 'ok', '?'], 'bn'],
    [['mujhe website chahiye', 'thanks', 'ok'], 'hinglish'],
    [['amar website lagbe', 'accha', 'website price'], 'banglish'],
    [['मुझे वेबसाइट चाहिए', 'What is the price of the Website Starter?', 'ok'], 'en'],
    [['hi', 'hello'], 'en'],
    [[], 'en'],
  ])('reads %j as %s', (messages, language) => {
    expect(conversationLanguage(messages)).toBe(language);
  });
});
