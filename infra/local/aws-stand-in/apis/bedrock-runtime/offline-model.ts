import {
  customerWordsNewestFirst,
  lastAssistantWords,
  latestToolResults,
  type Turn,
} from './conversation-reading.ts';
import { dateAndTime, explicitRequests, saysYes } from './explicit-requests.ts';
import { groundedAnswer } from './grounded-answer.ts';
import { type OfferedTool, offeredServices, offeredTemplates, serviceNamed } from './offered-tools.ts';
import { offersOfAPerson, phrases, whichServiceOpenings } from './offline-phrases.ts';
import { passagesFromPrompt } from './prompt-passages.ts';
import { type SaidLanguage, saidLanguage } from './said-language.ts';
import { toolResultReply } from './tool-result-reply.ts';

export type { ContentBlock, Turn } from './conversation-reading.ts';
export type { OfferedTool } from './offered-tools.ts';

/**
 * THE OFFLINE STAND-IN for Amazon Nova Pro: what answers Bedrock Converse on one machine. It is not
 * a language model. It reads only what Bedrock would hand the real model (the system prompt with its
 * `<passages>`, the conversation, the offered tools' specs) and imports nothing from the product.
 * Deterministic: the same request always gets the same reply.
 *
 * How it answers, as a careful assistant would:
 * - from the passages only: the whole section that answers (its heading, which often holds the price,
 *   and its text with hand-wrapped lines joined), or two sections when the question needs both, each
 *   cited `[n]` as its `<passage id="n">`; when the question's topical words are not covered, it
 *   says it does not know and offers a person (grounded-answer.ts);
 * - a tool only on an explicit request (explicit-requests.ts): a person (`request_human`), a payment
 *   link for a service named from the tool's own `serviceId` enum and description (never an amount;
 *   it asks which service when none or several are named), the customer's own record
 *   (`lookup_contact`), a reminder template named in `send_template`'s description; a "yes" to its
 *   own offer of a person is a handoff;
 * - after tool results, only what the results say (tool-result-reply.ts).
 *
 * Language, and its limits: it reads the language of the customer's latest words (said-language.ts:
 * English, Hindi, Bengali, Hinglish, romanised Bengali) and speaks its own phrases in it. It cannot
 * translate: it prefers a passage in the customer's language when one covers the question (romanised
 * writers get the Latin-script English document first) and otherwise quotes the passage as written,
 * after a short lead-in in the customer's language naming the document's language. It understands
 * other languages' words only through a small vocabulary of the business's domain (prompt-words.ts).
 *
 * The platform's `<conversation_context>` block is never read as the customer's words. Nova's awkward
 * shapes (multi-block replies, stop reasons, latency) and Bedrock's throttling are the API's
 * (bedrock-runtime-api.ts, scripted-replies.ts), not this file's.
 */
export interface OfflineRequest {
  system: string;
  messages: Turn[];
  tools: readonly OfferedTool[];
}

export type OfflineReply =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; name: string; input: Record<string, unknown> };

export function offlineReply(request: OfflineRequest): OfflineReply {
  const { messages } = request;
  const [latest = '', ...earlier] = customerWordsNewestFirst(messages);
  const language = saidLanguage(latest);
  const said = phrases[language];
  const results = latestToolResults(messages);
  if (results.length > 0) return text(toolResultReply(messages, results, language));

  const offered = (name: string) => request.tools.find((tool) => tool.name === name);
  const askedBefore = lastAssistantWords(messages);
  const requests = explicitRequests(latest);

  if (offered('request_human')) {
    const offer = offersOfAPerson.find((candidate) => askedBefore.includes(candidate.text));
    if (offer && saysYes(latest)) {
      const asked = (earlier[0] ?? '').slice(0, 400);
      const why = offer.reason === 'out-of-kb' ? 'No document answers' : 'A tool failed on';
      return tool('request_human', {
        reason: offer.reason,
        summary: `${why}: "${asked}". The customer accepted a person.`,
      });
    }
    if (requests.includes('person'))
      return tool('request_human', {
        reason: 'customer-asked',
        summary: `Asked for a person: "${latest.slice(0, 450)}"`,
      });
  }

  const invoiceTool = offered('create_invoice_link');
  const answersWhichService = whichServiceOpenings.some((opening) => askedBefore.startsWith(opening));
  if (invoiceTool && (requests.includes('payment') || answersWhichService)) {
    const services = offeredServices(invoiceTool);
    const named =
      serviceNamed(latest, services) ??
      (requests.includes('payment')
        ? earlier
            .slice(0, 3)
            .map((words) => serviceNamed(words, services))
            .find(Boolean)
        : undefined);
    if (named) return tool('create_invoice_link', { serviceId: named.id });
    if (requests.includes('payment')) return text(said.whichService(services.map((service) => service.name)));
  }

  if (offered('lookup_contact') && requests.includes('own-record')) return tool('lookup_contact', {});

  const reminder = reminderTemplate(offered('send_template'), language);
  const answersReminderWhen = Object.values(phrases).some((phrase) => askedBefore === phrase.reminderWhen);
  if (reminder && (requests.includes('reminder') || answersReminderWhen)) {
    const when = dateAndTime(latest);
    if (when)
      return tool('send_template', {
        name: reminder.name,
        language: reminder.language,
        bodyParameters: [when.date, when.time],
      });
    if (requests.includes('reminder')) return text(said.reminderWhen);
  }

  return text(answerFromPassages(latest, request.system, language));
}

function answerFromPassages(words: string, system: string, language: SaidLanguage): string {
  const said = phrases[language];
  const passages = passagesFromPrompt(system);
  // A burst reads as several lines: the last one that asks something is answered first.
  const lines = words.split('\n').filter((line) => line.trim());
  const asking = lines.filter((line) => line.trim().endsWith('?')).at(-1);
  if (asking && lines.length > 1) {
    const focused = groundedAnswer(asking, passages, language);
    if (focused.kind === 'answer') return focused.text;
  }
  const answer = groundedAnswer(words, passages, language);
  if (answer.kind === 'answer') return answer.text;
  if (answer.kind === 'unsupported') return said.noSource;
  const greets =
    /^\s*(hi|hello|hey|hii+|namaste|namaskar|nomoskar|good (morning|afternoon|evening)|नमस्ते|नमस्कार|নমস্কার|হ্যালো)(?![\p{L}\p{M}])/iu;
  return greets.test(words) ? said.greeting : said.anythingElse;
}

/** The reminder template `send_template` offers, in the customer's language when it has one. */
function reminderTemplate(sendTemplate: OfferedTool | undefined, language: SaidLanguage) {
  const reminders = offeredTemplates(sendTemplate).filter(
    (template) => template.name.includes('reminder') && template.parameters === 2,
  );
  const wanted = language === 'hi' ? 'hi' : language === 'bn' ? 'bn' : 'en';
  return (
    reminders.find((template) => template.language.startsWith(wanted)) ??
    reminders.find((template) => template.language.startsWith('en')) ??
    reminders[0]
  );
}

function text(value: string): OfflineReply {
  return { kind: 'text', text: value };
}

function tool(name: string, input: Record<string, unknown>): OfflineReply {
  return { kind: 'tool', name, input };
}
