import { queryMeanings, stopwords } from '../knowledge-base/index/stopwords.ts';
import { phrases } from './offline-phrases.ts';
import { type PromptPassage, passagesFromPrompt } from './prompt-passages.ts';
import { type SaidLanguage as CustomerLanguage, saidLanguage as customerLanguage } from './said-language.ts';

/**
 * The offline model that answers Bedrock Converse on one machine. It is a stand-in, not Nova Pro:
 * deterministic, it answers only from the passages in its system prompt (the sentences that share
 * the most words with the question), says so when none supports an answer, and asks for the
 * agent's tools for the intents it recognises: a person, an invoice, a template, the customer's
 * own record. It never states a price, policy or date that is not in a passage.
 */
export type ContentBlock =
  | { text: string }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: Array<{ text?: string; json?: unknown }>; status?: string } };

export interface Turn {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

export interface OfflineRequest {
  system: string;
  messages: Turn[];
  tools: ReadonlySet<string>;
}

export type OfflineReply =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; name: string; input: Record<string, unknown> };

const intents = {
  human: [
    /\b(human|person|agent|representative|someone real|real person|talk to (?:a|an|someone|somebody)|speak (?:to|with) (?:a|an|someone|somebody))\b/i,
    /\b(insaan|kisi se baat|agent se baat|aadmi se baat|person se baat)\b/i,
    /(व्यक्ति|इंसान|किसी से बात|एजेंट से)/,
    /(মানুষ|কারও সঙ্গে কথা|কারো সাথে কথা|এজেন্ট)/,
  ],
  invoice: [
    /\b(invoice|payment link|pay for|bill me|buy|purchase|want to order|pay now)\b/i,
    /\b(kharid|lena hai|payment karna)\b/i,
    /(इनवॉइस|भुगतान लिंक|खरीद)/,
    /(ইনভয়েস|পেমেন্ট লিংক|কিনতে)/,
  ],
  contact: [
    /\b(my (?:details|name|number|account|record)s?|what do you have (?:on|about) me)\b/i,
    /\b(mera (?:naam|number)|meri details)\b/i,
    /(मेरा नाम|मेरी जानकारी)/,
  ],
  reminder: [/\b(remind me|reminder)\b/i, /(याद दिला)/],
  yes: [
    /^\s*(yes|yeah|yep|sure|ok(?:ay)?|please|haa?n|ha ji|ji haan|zaroor)\b/i,
    /^\s*(हाँ|हां|जी|ज़रूर|जरूर)/,
    /^\s*(হ্যাঁ|হাঁ|অবশ্যই)/,
  ],
};

/** The offers of a person the model makes, and the handoff reason a "yes" to each carries. */
const offers: ReadonlyArray<{ texts: string[]; reason: 'out-of-kb' | 'tool-error' }> = [
  { texts: Object.values(phrases).map((said) => said.noSource), reason: 'out-of-kb' },
  { texts: Object.values(phrases).map((said) => said.toolFailed), reason: 'tool-error' },
];

export function offlineReply(request: OfflineRequest): OfflineReply {
  const last = request.messages.at(-1);
  const question = textOf(lastUserText(request.messages));
  const language = customerLanguage(question);
  const said = phrases[language];
  const toolResult = last?.content.find(
    (block): block is Extract<ContentBlock, { toolResult: unknown }> => 'toolResult' in block,
  );
  if (toolResult) return { kind: 'text', text: afterTool(request.messages, toolResult.toolResult, language) };

  const passages = passagesFromPrompt(request.system);
  const accepted = acceptedOffer(request.messages, question);
  if (accepted && request.tools.has('request_human')) return accepted;
  if (matches(intents.human, question) && request.tools.has('request_human')) {
    return {
      kind: 'tool',
      name: 'request_human',
      input: { reason: 'customer-asked', summary: question.slice(0, 500) },
    };
  }
  if (matches(intents.contact, question) && request.tools.has('lookup_contact'))
    return { kind: 'tool', name: 'lookup_contact', input: {} };
  if (matches(intents.reminder, question) && request.tools.has('send_template')) {
    const when = /(\d{1,2}\s+[A-Za-z]+)\D+(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)/i.exec(question);
    if (when?.[1] && when[2]) {
      return {
        kind: 'tool',
        name: 'send_template',
        input: { name: 'appointment_reminder', language: 'en_US', bodyParameters: [when[1], when[2]] },
      };
    }
  }
  if (matches(intents.invoice, question) && request.tools.has('create_invoice_link')) {
    const priced = pricedService(question, passages);
    if (!priced) return { kind: 'text', text: said.whichService };
    return {
      kind: 'tool',
      name: 'create_invoice_link',
      input: { description: priced.service, amountPaise: priced.rupees * 100, currency: 'INR' },
    };
  }
  // A burst reads as several lines; the one that asks something is what to answer first.
  const asking = question
    .split('\n')
    .filter((line) => line.trim().endsWith('?'))
    .at(-1);
  const focused = asking ? groundedAnswer(asking, passages, language) : undefined;
  return {
    kind: 'text',
    text:
      focused && focused !== phrases[language].noSource
        ? focused
        : groundedAnswer(question, passages, language),
  };
}

/** The best-supported sentences of the passages, cited by passage number; an honest refusal without support. */
function groundedAnswer(
  question: string,
  passages: readonly PromptPassage[],
  language: CustomerLanguage,
): string {
  const wanted = meaningfulWords(question);
  let best:
    | { passage: PromptPassage; sentence: string; next: string | undefined; overlap: number }
    | undefined;
  for (const passage of passages) {
    const sentences = passage.text
      .split(/(?<=[.!?।])\s+|\n+/)
      .map((sentence) => sentence.trim())
      .filter(Boolean);
    const titleWords = meaningfulWords(passage.title);
    sentences.forEach((sentence, index) => {
      const words = meaningfulWords(sentence);
      const overlap =
        [...wanted].filter((word) => words.has(word) || titleWords.has(word)).length +
        [...wanted].filter((word) => words.has(word)).length * 0.5;
      if (overlap > (best?.overlap ?? 0)) best = { passage, sentence, next: sentences[index + 1], overlap };
    });
  }
  if (!best || best.overlap < 1) return phrases[language].noSource;
  // A heading line (no full stop) carries the topic or the fact itself: it leads, in bold, before what follows it.
  const isHeading = !/[.!?।]$/.test(best.sentence);
  const body =
    best.next && best.sentence.length < 160
      ? isHeading
        ? `*${best.sentence}*\n${best.next}`
        : `${best.sentence} ${best.next}`
      : best.sentence;
  return `${phrases[language].grounded}${body} [${best.passage.id}]`;
}

/** A service the customer names, with its price as a passage states it (never a price from anywhere else). */
function pricedService(
  question: string,
  passages: readonly PromptPassage[],
): { service: string; rupees: number } | undefined {
  const wanted = meaningfulWords(question);
  for (const passage of passages) {
    for (const line of passage.text.split('\n')) {
      const priced = /^#*\s*(.+?)\s+[—-]\s+₹\s?([\d,]+)/.exec(line.trim());
      if (!priced?.[1] || !priced[2]) continue;
      const serviceWords = meaningfulWords(priced[1]);
      if ([...serviceWords].some((word) => wanted.has(word)))
        return { service: priced[1], rupees: Number(priced[2].replace(/,/g, '')) };
    }
  }
  return undefined;
}

function afterTool(
  messages: readonly Turn[],
  result: Extract<ContentBlock, { toolResult: unknown }>['toolResult'],
  language: CustomerLanguage,
): string {
  const said = phrases[language];
  const call = messages
    .flatMap((turn) => turn.content)
    .find(
      (block): block is Extract<ContentBlock, { toolUse: unknown }> =>
        'toolUse' in block && block.toolUse.toolUseId === result.toolUseId,
    );
  const data = resultData(result);
  if (result.status === 'error' || !call || data.error) return said.toolFailed;
  switch (call.toolUse.name) {
    case 'request_human':
      return said.handoff;
    case 'create_invoice_link': {
      const description = String(data.description ?? 'your order');
      const amount = typeof data.amountDisplay === 'string' ? data.amountDisplay : '';
      if (data.status === 'pending-approval') return said.invoicePending(description, amount);
      return said.invoice(description, amount, String(data.url ?? data.link ?? ''));
    }
    case 'lookup_contact':
      return said.contact(String(data.name ?? ''));
    default:
      return said.templateSent;
  }
}

function resultData(
  result: Extract<ContentBlock, { toolResult: unknown }>['toolResult'],
): Record<string, unknown> {
  for (const item of result.content) {
    if (item.json && typeof item.json === 'object') return item.json as Record<string, unknown>;
    if (item.text) {
      try {
        const parsed = JSON.parse(item.text) as unknown;
        if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
      } catch {
        return { text: item.text };
      }
    }
  }
  return {};
}

/** "Yes" to the model's own offer of a person: a handoff, with the reason the offer was made for. */
function acceptedOffer(messages: readonly Turn[], answer: string): OfflineReply | undefined {
  if (!matches(intents.yes, answer)) return undefined;
  const offerAt = messages.findLastIndex((turn) => turn.role === 'assistant');
  const offered = textOf(messages[offerAt]?.content ?? []);
  const offer = offers.find((candidate) => candidate.texts.some((text) => offered.startsWith(text)));
  if (!offer) return undefined;
  const asked = textOf(lastUserText(messages.slice(0, Math.max(0, offerAt))));
  return {
    kind: 'tool',
    name: 'request_human',
    input: {
      reason: offer.reason,
      summary: `${offer.reason === 'out-of-kb' ? 'No document answers' : 'A tool failed on'}: "${asked.slice(0, 400)}". The customer accepted a person.`,
    },
  };
}

function lastUserText(messages: readonly Turn[]): ContentBlock[] {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const turn = messages[index];
    if (turn?.role === 'user' && turn.content.some((block) => 'text' in block)) return turn.content;
  }
  return [];
}

function textOf(blocks: readonly ContentBlock[]): string {
  return blocks.flatMap((block) => ('text' in block ? [block.text] : [])).join('\n');
}

function matches(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((pattern) => pattern.test(text));
}

function meaningfulWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const word = raw.normalize('NFC').toLocaleLowerCase('en');
    for (const meaning of queryMeanings.get(word) ?? [word]) {
      if (!stopwords.has(meaning) && meaning.length > 1) words.add(meaning.replace(/s$/, ''));
    }
  }
  return words;
}
