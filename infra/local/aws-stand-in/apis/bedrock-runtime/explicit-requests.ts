/**
 * The requests for which the offline stand-in model calls a tool: only when the customer asks for
 * it in so many words. A word alone is not a request: "my account", "late fees on an invoice",
 * "how do I pay?", "can I talk to a person about X" asked as a question about the business are
 * answered from the passages; "send me the payment link for the Website Starter" and "I want to
 * talk to a person" are requests. Patterns cover English, Hindi, Bengali and their romanised forms.
 */
export type ExplicitRequest = 'person' | 'payment' | 'own-record' | 'reminder';

const person = [
  /\b(talk|speak|chat|connect|transfer|put)\b[^.?!]{0,25}\b(human|person|agent|representative|someone|somebody|staff|team member|executive)\b/i,
  /\b(want|need|get)\b[^.?!]{0,12}\b(a|an|the|your)?\s*(human|real person|person|agent|representative|executive)\b/i,
  /^\s*(a\s+)?(human|agent|person|representative)(\s+please)?[\s.!?]*$/i,
  /\b(call me|call me back|callback)\b/i,
  /\b(insaan|insan|kisi|agent|person|aadmi|team)\s+(se|say)\s+baat\b/i,
  /\bbaat\s+karwa/i,
  /(व्यक्ति|इंसान|एजेंट|किसी|आदमी|टीम)\s+से\s+बात/,
  /बात\s+करवा/,
  /(মানুষ|মানুষের|কারও|কারো|কারোর|কারুর|এজেন্ট|এজেন্টের)\s+(সঙ্গে|সাথে)\s+কথা/,
  /\b(manush|manusher|karo|karor|agent|agenter)\s+(sathe|shathe|songe)\s+kotha\b/i,
];

const paymentObject = String.raw`(payment\s+link|pay\s+link|link\s+to\s+pay|invoice|bill)`;
const payment = [
  new RegExp(String.raw`\b(send|share|give|email|whatsapp)\s+(me|us)\b[^.?!]{0,25}\b${paymentObject}`, 'i'),
  new RegExp(
    String.raw`\b(please|pls|kindly|can you|could you|would you|can i|could i|may i)\s+(\w+\s+){0,2}?(send|share|give|create|make|generate|raise|issue|email|get|have)\b[^.?!]{0,25}\b${paymentObject}`,
    'i',
  ),
  new RegExp(
    String.raw`\b(i|we)\s*(['’]d like|['’]d love| would like| want| wanna| need)\s+(the|a|an|my|our)?\s*${paymentObject}`,
    'i',
  ),
  new RegExp(String.raw`^\s*${paymentObject}\s*(please|pls)?[\s.!]*$`, 'i'),
  new RegExp(String.raw`\b${paymentObject}\s+(please|pls)\b`, 'i'),
  /\b(i|we)\s*(['’]d like|['’]d love| would like| want| wanna| need| am ready| are ready)\s+(to\s+)?(buy|purchase|order|pay|subscribe|sign up)\b/i,
  /\b(let me|let us|let's)\s+(buy|purchase|order|pay)\b/i,
  /\bbill me\b/i,
  /\b(payment link|link|invoice|bill)\b[^.?!]{0,15}\b(bhej|bhejo|bhejiye|bhejdo|de do|dedo|dijiye|chahiye)\b/i,
  /\b(kharidna|kharidni|lena|leni|order karna|payment karna|pay karna)\s+(hai|chahta|chahti|chahte|hoon|hu)\b/i,
  /(भुगतान|पेमेंट)\s*(का\s*)?लिंक[^।?]{0,15}(भेज|दीजिए|दें|दे दो|चाहिए)/,
  /(इनवॉइस|बिल)[^।?]{0,15}(भेज|बना|दीजिए|चाहिए)/,
  /(खरीदना|खरीदनी|लेना|लेनी|ऑर्डर करना|भुगतान करना)\s*(है|चाहता|चाहती|चाहते)/,
  /(পেমেন্ট|পেমেন্টের)\s*লিংক[^।?]{0,15}(পাঠান|পাঠাও|পাঠিয়ে|দিন|দাও|চাই)/,
  /(ইনভয়েস|বিল)[^।?]{0,15}(পাঠান|পাঠাও|দিন|চাই)/,
  /(কিনতে|অর্ডার করতে|পেমেন্ট করতে)\s*চাই/,
  /\b(payment link|link|invoice|bill)\b[^.?!]{0,15}\b(pathan|pathao|pathiye|dao|chai)\b/i,
  /\b(kinte|order korte|payment korte|pay korte)\s+chai\b/i,
];

const ownRecord = [
  /\bwhat\s+(name|details|information|info|data|number)?\s*(do|have)\s+you\s+(got\s+|have\s+|keep\s+|store\s+)?(on|about|for)\s+me\b/i,
  /\b(show|tell|check|confirm|read|verify|look up)\b(\s+me)?\s+(what\s+is\s+)?my\s+(details|record|records|contact details|name|registered name|registered number|data)\b/i,
  /\bwhat(?:'s| is)\s+my\s+(name|registered name|registered number|record)\b/i,
  /\bmy\s+(name|details|number|record)\s+(on file|in your (records?|system))\b/i,
  /\bdo you have my\s+(details|name|number|record)\b/i,
  /\b(mera naam|meri details|mera record|meri jankari|meri jaankari)\b[^.?!]{0,20}\b(kya hai|batao|bataiye|check|dikhao)\b/i,
  /\baapke (paas|record mein)\s+(mera|meri)\b/i,
  /(मेरा नाम|मेरी जानकारी|मेरा रिकॉर्ड|मेरी डिटेल्स)[^।?]{0,20}(क्या है|बताइए|बताओ|बताएं|दिखाइए|देखिए)/,
  /आपके (पास|रिकॉर्ड में) (मेरा|मेरी)/,
  /(আমার নাম|আমার তথ্য|আমার রেকর্ড)[^।?]{0,20}(কী|কি|বলুন|দেখান)/,
  /\b(amar naam|amar nam|amar tottho|amar record)\b[^.?!]{0,15}\b(ki|bolun|dekhan)\b/i,
];

const reminder = [
  /\b(remind me|send me a reminder|set (a |an )?reminder)\b/i,
  /\byaad dila/i,
  /याद दिला/,
  /মনে করিয়ে/,
  /\bmone koriye/i,
];

const patterns: Record<ExplicitRequest, readonly RegExp[]> = {
  person,
  payment,
  'own-record': ownRecord,
  reminder,
};

/** What the customer explicitly asks the business to do, in the order the model handles them. */
export function explicitRequests(words: string): ExplicitRequest[] {
  return (Object.keys(patterns) as ExplicitRequest[]).filter((request) =>
    patterns[request].some((pattern) => pattern.test(words)),
  );
}

const yes = [
  /^\s*(yes|yeah|yep|yup|sure|ok(ay)?|alright|please|haa?n|haanji|ha ji|ji haan|ji|zaroor|jaroor|hya|hyan|ha|accha|achha|thik ache|theek hai)\b/i,
  /^\s*(हाँ|हां|जी|ज़रूर|जरूर|ठीक है)/,
  /^\s*(হ্যাঁ|হাঁ|অবশ্যই|ঠিক আছে|আচ্ছা)/,
];

/** The customer agrees (to what the model last offered), in a few words. */
export function saysYes(words: string): boolean {
  return words.trim().split(/\s+/).length <= 5 && yes.some((pattern) => pattern.test(words));
}

/** A date and a time the customer gives ("12 March at 4 pm", "tomorrow 10:30"). */
export function dateAndTime(words: string): { date: string; time: string } | undefined {
  const month = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*';
  const date = new RegExp(
    String.raw`\b(\d{1,2}(?:st|nd|rd|th)?\s+${month}|${month}\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|tomorrow|today|kal)\b`,
    'i',
  ).exec(words)?.[1];
  const time = /\b(\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2})\b/i.exec(words)?.[1];
  return date && time ? { date, time } : undefined;
}
