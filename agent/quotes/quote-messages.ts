import { percent, rupees } from '#kb/catalog/price-breakdown.ts';
import type { CatalogLanguage, CatalogService, ServiceUnit } from '#kb/catalog/service-catalog.ts';
import type { CustomerLanguage } from '../answer/customer-language.ts';

/**
 * What the platform itself says about a quote and its invoice, in the customer's language. The
 * amounts are the catalog's, formatted here: no price in these messages comes from the model.
 */
export interface QuotedAmounts {
  pricePaise: number;
  gstRateBasisPoints: number;
  gstPaise: number;
  amountPaise: number;
}

interface Wording {
  units: Record<ServiceUnit, string>;
  price: string;
  total: string;
  ask: string;
  confirm: string;
  decline: string;
  link: (name: string, url: string, breakdown: string, total: string) => string;
  awaitingApproval: (name: string, total: string) => string;
  declined: string;
  closed: string;
  notApproved: (name: string, total: string) => string;
}

const english: Wording = {
  units: {
    'one-time': '(one time)',
    'per-month': '(per month)',
    'per-year': '(per year)',
    'per-filing': '(per filing)',
  },
  price: 'Price',
  total: 'Total',
  ask: 'Shall I send you the payment link?',
  confirm: 'Send payment link',
  decline: 'Not now',
  link: (name, url, breakdown, total) =>
    `Here is your payment link for *${name}*:\n${url}\n\nTotal ${total} (${breakdown}).`,
  awaitingApproval: (name, total) =>
    `Thank you. Your order for *${name}* (total ${total}) needs a quick check by our team; we will send the payment link here soon.`,
  declined: 'No problem. Whenever you are ready, just ask for the payment link again.',
  closed:
    'That price offer is no longer open. Ask me again for the service you want and I will send you the current price.',
  notApproved: (name, total) =>
    `We could not approve your order for *${name}* (total ${total}). A member of our team will message you about it here.`,
};

const wording: Record<CustomerLanguage, Wording> = {
  en: english,
  hinglish: {
    ...english,
    ask: 'Kya main aapko payment link bhej doon?',
    confirm: 'Link bhejiye',
    decline: 'Abhi nahi',
    link: (name, url, breakdown, total) =>
      `*${name}* ka payment link:\n${url}\n\nTotal ${total} (${breakdown}).`,
    awaitingApproval: (name, total) =>
      `Dhanyavaad. *${name}* (total ${total}) ka order hamari team ek baar check karegi; payment link jaldi yahin bhejenge.`,
    declined: 'Koi baat nahi. Jab aap ready hon, payment link phir se maang lijiye.',
    closed:
      'Yeh price offer ab khula nahi hai. Jo service chahiye, phir se poochhiye, main abhi ki price bhej dunga.',
    notApproved: (name, total) =>
      `*${name}* (total ${total}) ka order hum approve nahi kar paaye. Hamari team ka ek member yahin aapko message karega.`,
  },
  banglish: {
    ...english,
    ask: 'Apnake ki payment link pathabo?',
    confirm: 'Link pathan',
    decline: 'Ekhon na',
    link: (name, url, breakdown, total) =>
      `*${name}* er payment link:\n${url}\n\nTotal ${total} (${breakdown}).`,
    awaitingApproval: (name, total) =>
      `Dhonnobad. *${name}* (total ${total}) er order amader team ekbar dekhe nebe; payment link shighroi ekhane pathano hobe.`,
    declined: 'Kono somossa nei. Jokhon ready hoben, abar payment link chaiben.',
    closed:
      'Ei daam er offer ta ar khola nei. Je service ta chan, abar jiggesh korun, ami ekhonkar daam pathiye debo.',
    notApproved: (name, total) =>
      `*${name}* (total ${total}) er order ta amra approve korte parini. Amader team er ekjon member ekhane apnake message korben.`,
  },
  hi: {
    units: {
      'one-time': '(एक बार)',
      'per-month': '(प्रति माह)',
      'per-year': '(प्रति वर्ष)',
      'per-filing': '(प्रति फाइलिंग)',
    },
    price: 'कीमत',
    total: 'कुल',
    ask: 'क्या मैं आपको पेमेंट लिंक भेज दूँ?',
    confirm: 'पेमेंट लिंक भेजें',
    decline: 'अभी नहीं',
    link: (name, url, breakdown, total) =>
      `*${name}* के लिए आपका पेमेंट लिंक:\n${url}\n\nकुल ${total} (${breakdown})।`,
    awaitingApproval: (name, total) =>
      `धन्यवाद। *${name}* (कुल ${total}) का ऑर्डर हमारी टीम एक बार जाँचेगी; पेमेंट लिंक जल्द ही यहीं भेजा जाएगा।`,
    declined: 'कोई बात नहीं। जब आप तैयार हों, पेमेंट लिंक फिर से माँग लीजिए।',
    closed: 'यह कीमत का ऑफ़र अब खुला नहीं है। आपको जो सेवा चाहिए, फिर से पूछिए, मैं मौजूदा कीमत भेज दूँगा।',
    notApproved: (name, total) =>
      `हम *${name}* (कुल ${total}) का ऑर्डर स्वीकृत नहीं कर पाए। हमारी टीम का एक सदस्य यहीं आपको संदेश भेजेगा।`,
  },
  bn: {
    units: {
      'one-time': '(এককালীন)',
      'per-month': '(প্রতি মাসে)',
      'per-year': '(প্রতি বছরে)',
      'per-filing': '(প্রতি ফাইলিং)',
    },
    price: 'মূল্য',
    total: 'মোট',
    ask: 'আপনাকে কি পেমেন্ট লিংক পাঠাব?',
    confirm: 'পেমেন্ট লিংক পাঠান',
    decline: 'এখন না',
    link: (name, url, breakdown, total) =>
      `*${name}*-এর জন্য আপনার পেমেন্ট লিংক:\n${url}\n\nমোট ${total} (${breakdown})।`,
    awaitingApproval: (name, total) =>
      `ধন্যবাদ। *${name}* (মোট ${total})-এর অর্ডারটি আমাদের টিম একবার দেখে নেবে; পেমেন্ট লিংক শীঘ্রই এখানে পাঠানো হবে।`,
    declined: 'কোনো সমস্যা নেই। যখন প্রস্তুত হবেন, আবার পেমেন্ট লিংক চাইবেন।',
    closed: 'এই মূল্যের অফারটি আর খোলা নেই। যে পরিষেবাটি চান, আবার জিজ্ঞাসা করুন, আমি বর্তমান মূল্য পাঠিয়ে দেব।',
    notApproved: (name, total) =>
      `আমরা *${name}* (মোট ${total})-এর অর্ডারটি অনুমোদন করতে পারিনি। আমাদের টিমের একজন সদস্য এখানে আপনাকে মেসেজ করবেন।`,
  },
};

/** The catalog's name of a service in the customer's language (romanised languages read the English one). */
export function serviceName(service: CatalogService, language: CustomerLanguage): string {
  const catalogLanguage: CatalogLanguage = language === 'hi' || language === 'bn' ? language : 'en';
  return service.name[catalogLanguage];
}

function breakdown(amounts: QuotedAmounts): string {
  return `${rupees(amounts.pricePaise)} + GST ${percent(amounts.gstRateBasisPoints)} ${rupees(amounts.gstPaise)}`;
}

/** The quote the customer confirms: service, price, GST and total, and two reply buttons. */
export function quoteMessage(
  language: CustomerLanguage,
  service: CatalogService,
  amounts: QuotedAmounts,
  buttonIds: { confirm: string; decline: string },
) {
  const words = wording[language];
  const body = [
    `*${serviceName(service, language)}* ${words.units[service.unit]}`,
    `${words.price}: ${rupees(amounts.pricePaise)}`,
    `GST ${percent(amounts.gstRateBasisPoints)}: ${rupees(amounts.gstPaise)}`,
    `*${words.total}: ${rupees(amounts.amountPaise)}*`,
    '',
    words.ask,
  ].join('\n');
  return {
    type: 'buttons' as const,
    body,
    buttons: [
      { id: buttonIds.confirm, title: words.confirm },
      { id: buttonIds.decline, title: words.decline },
    ],
  };
}

export function paymentLinkMessage(
  language: CustomerLanguage,
  name: string,
  url: string,
  amounts: QuotedAmounts,
) {
  return wording[language].link(name, url, breakdown(amounts), rupees(amounts.amountPaise));
}

export function awaitingApprovalMessage(language: CustomerLanguage, name: string, amounts: QuotedAmounts) {
  return wording[language].awaitingApproval(name, rupees(amounts.amountPaise));
}

export function notApprovedMessage(language: CustomerLanguage, name: string, amounts: QuotedAmounts): string {
  return wording[language].notApproved(name, rupees(amounts.amountPaise));
}

export function declinedMessage(language: CustomerLanguage): string {
  return wording[language].declined;
}

export function quoteClosedMessage(language: CustomerLanguage): string {
  return wording[language].closed;
}
