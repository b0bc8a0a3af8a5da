import type { Turn } from '#core/stores/conversation-history.ts';
import { type CustomerLanguage, customerLanguage } from './customer-language.ts';

const received: Record<CustomerLanguage, (what: string) => string> = {
  en: (what) => `Thank you, we have received your ${what}. How can we help you with it?`,
  hinglish: (what) =>
    `Shukriya, aapka ${what} humein mil gaya hai. Iske baare mein hum aapki kya madad kar sakte hain?`,
  hi: (what) => `धन्यवाद, आपका ${what} हमें मिल गया है। इसके बारे में हम आपकी क्या मदद कर सकते हैं?`,
  bn: (what) => `ধন্যবাদ, আপনার ${what} আমরা পেয়েছি। এ বিষয়ে আমরা কীভাবে সাহায্য করতে পারি?`,
  banglish: (what) =>
    `Dhonnobad, apnar ${what} amra peyechi. Eta niye amra apnake kivabe sahajjo korte pari?`,
};

const latinNames = {
  image: 'photo',
  document: 'document',
  audio: 'voice message',
  video: 'video',
  sticker: 'sticker',
  location: 'location',
  contact: 'contact card',
};
const names: Record<CustomerLanguage, Record<string, string>> = {
  en: latinNames,
  hinglish: latinNames,
  banglish: latinNames,
  hi: {
    image: 'फ़ोटो',
    document: 'दस्तावेज़',
    audio: 'वॉइस संदेश',
    video: 'वीडियो',
    sticker: 'स्टिकर',
    location: 'लोकेशन',
    contact: 'संपर्क कार्ड',
  },
  bn: {
    image: 'ছবি',
    document: 'নথি',
    audio: 'ভয়েস মেসেজ',
    video: 'ভিডিও',
    sticker: 'স্টিকার',
    location: 'লোকেশন',
    contact: 'কন্টাক্ট কার্ড',
  },
};

/**
 * When the customer sent only a file, a location or a contact card (nothing to answer from the
 * Knowledge Base), the bot acknowledges it in their language and asks what they need: the item is
 * already stored for the agent and for a human. Undefined when there is a question to answer.
 */
export function acknowledgement(turns: readonly Turn[]): string | undefined {
  const lastBusiness = turns.map((turn) => turn.role).lastIndexOf('business');
  const latest = turns.slice(lastBusiness + 1).filter((turn) => turn.role === 'customer');
  if (latest.length === 0) return undefined;
  const kinds = latest.map((turn) =>
    /^\[(?:sent (image|document|audio|video|sticker)|shared a (location|contact))/.exec(turn.text),
  );
  if (kinds.some((kind) => !kind)) return undefined;
  const earlierText =
    turns.filter((turn) => turn.role === 'customer' && !turn.text.startsWith('[')).at(-1)?.text ?? '';
  const language = customerLanguage(earlierText);
  const kind = kinds.at(-1);
  const what = names[language][kind?.[1] ?? kind?.[2] ?? 'document'] ?? names[language].document ?? 'message';
  return received[language](what);
}
