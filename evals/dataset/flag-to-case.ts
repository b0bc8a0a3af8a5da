import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { MessageFlag } from '#core/stores/message-flag-store.ts';
import { EvalCase } from './eval-case.ts';

/** Phone numbers in free text (7 or more digits, with spaces, dashes or a leading +), as a person types them. */
const phoneLike = /\+?\d[\d\s-]{5,}\d/g;

/** Text with every phone number replaced by the same placeholder: no customer's number goes into a dataset. */
export function redactPhones(text: string): string {
  return text.replace(phoneLike, (match) =>
    match.replace(/\D/g, '').length >= 7 ? '+91 00000 00000' : match,
  );
}

/** An email address as a person types it. */
const emailLike = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

/** Text without phone numbers or email addresses: what may leave the platform's records. */
export function redactPersonal(text: string): string {
  return redactPhones(text).replace(emailLike, 'customer@example.com');
}

export function languageOf(text: string): EvalCase['language'] {
  if (/\p{Script=Devanagari}/u.test(text)) return 'hi';
  if (/\p{Script=Bengali}/u.test(text)) return 'bn';
  return 'en';
}

/**
 * A flagged reply as a regression case: the customer's message (phone numbers redacted), and the
 * one expectation the flag itself proves: the bot must not give that reply again. The evaluator
 * then states what the right answer holds (`contains`, `cites`, …), helped by the flag's note and
 * the reply, which come along as comments.
 */
export function caseFromFlag(flag: MessageFlag): { testCase: EvalCase; yaml: string } {
  const question = redactPhones(flag.question ?? '').trim();
  if (!question) throw new Error(`Flag ${flag.id} has no customer message to replay`);
  const reply = redactPhones(flag.reply).trim();
  const testCase = EvalCase.parse({
    id: `flagged-${createHash('sha256').update(flag.id).digest('hex').slice(0, 10)}`,
    category: 'flagged',
    language: languageOf(question),
    tags: ['flagged'],
    turns: [question],
    expect: { notContains: [reply.slice(0, 300)] },
  });
  const comments = [
    `# Flagged by ${flag.flaggedBy} on ${flag.at.slice(0, 10)}: ${redactPhones(flag.note).replace(/\n/g, ' ')}`,
    `# The flagged reply: ${reply.replace(/\n/g, ' ').slice(0, 500)}`,
    `# It cited: ${flag.citations.map((citation) => citation.title).join(', ') || 'nothing'}; tools: ${flag.toolCalls.map((call) => call.name).join(', ') || 'none'}`,
    '# Add what the right answer must hold (contains, cites, handoff, …) before committing.',
  ];
  const { given: _given, ...shown } = testCase;
  return { testCase, yaml: `${comments.join('\n')}\n${stringify([shown], { lineWidth: 0 })}` };
}
