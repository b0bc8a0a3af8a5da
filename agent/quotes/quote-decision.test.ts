import { describe, expect, it } from 'vitest';
import type { Turn } from '#core/stores/conversation-history.ts';
import { quoteDecision } from './quote-decision.ts';

const invoiceId = 'inv-0123456789abcdef0123';
const open = { openQuote: { invoiceId, wamid: 'wamid.quote' } };
const asked: Turn = {
  role: 'customer',
  wamid: 'wamid.ask',
  text: 'Send me the link for the website',
  atMs: 1,
};
const quote: Turn = {
  role: 'business',
  wamid: 'wamid.quote',
  text: '*Website Starter* … Shall I send you the payment link?',
  atMs: 2,
};
const customer = (wamid: string, text: string, atMs: number, choiceId?: string): Turn => ({
  role: 'customer',
  wamid,
  text,
  atMs,
  ...(choiceId ? { choiceId } : {}),
});
const pendingOf = (...turns: Turn[]) => turns.map((turn) => ({ wamid: turn.wamid, receivedMs: turn.atMs }));

describe('whether the customer answered a quote', () => {
  it('reads a tap on either button, naming its invoice, even after other messages', () => {
    const tapped = customer('wamid.tap', '[chose: Send payment link]', 5, `quote:${invoiceId}:yes`);
    const later: Turn = { role: 'business', wamid: 'wamid.other', text: 'Anything else?', atMs: 4 };
    expect(quoteDecision({}, [asked, quote, later, tapped], pendingOf(tapped))).toEqual({
      invoiceId,
      accept: true,
    });
    const no = customer('wamid.no', '[chose: Not now]', 5, `quote:${invoiceId}:no`);
    expect(quoteDecision(open, [asked, quote, no], pendingOf(no))).toEqual({ invoiceId, accept: false });
  });

  it('reads a plain yes or no right after the open quote', () => {
    const yes = customer('wamid.yes', 'हाँ, भेजिए', 3);
    expect(quoteDecision(open, [asked, quote, yes], pendingOf(yes))).toEqual({ invoiceId, accept: true });
    const no = customer('wamid.no', 'not now', 3);
    expect(quoteDecision(open, [asked, quote, no], pendingOf(no))).toEqual({ invoiceId, accept: false });
  });

  it('leaves to the agent a question after the quote, a yes to something else, and a burst', () => {
    const question = customer('wamid.q', 'What does it include?', 3);
    expect(quoteDecision(open, [asked, quote, question], pendingOf(question))).toBeUndefined();
    const answer: Turn = { role: 'business', wamid: 'wamid.a', text: 'Five pages and hosting.', atMs: 4 };
    const yes = customer('wamid.yes', 'yes', 5);
    expect(quoteDecision(open, [asked, quote, question, answer, yes], pendingOf(yes))).toBeUndefined();
    const first = customer('wamid.1', 'yes', 3);
    const second = customer('wamid.2', 'and can you add a blog?', 4);
    expect(quoteDecision(open, [asked, quote, first, second], pendingOf(first, second))).toBeUndefined();
    expect(quoteDecision({ openQuote: null }, [asked, quote, first], pendingOf(first))).toBeUndefined();
  });

  it('ignores button ids that are not a quote of ours', () => {
    const forged = customer('wamid.f', '[chose: Pay]', 3, 'quote:inv-../../etc:yes');
    expect(quoteDecision({}, [asked, quote, forged], pendingOf(forged))).toBeUndefined();
  });
});
