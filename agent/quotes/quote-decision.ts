import type { Conversation, PendingEntry } from '#core/stores/conversation.ts';
import type { Turn } from '#core/stores/conversation-history.ts';
import { clearAnswer } from '../intents/explicit-intents.ts';

export interface QuoteDecision {
  invoiceId: string;
  accept: boolean;
}

const buttonId = /^quote:(inv-[0-9a-f]{20}):(yes|no)$/;

/**
 * Whether what the customer just wrote answers a quote: a tap on one of its buttons (the button
 * names its invoice), or a message that is only a clear yes or no right after the open quote (the
 * quote was the business's last message). Anything else is for the agent: a question asked after
 * a quote never confirms it. Which invoice a tap may confirm is checked at the effect (its
 * conversation, its status, its expiry: InvoiceStore.confirmQuote), not here.
 */
export function quoteDecision(
  conversation: Pick<Conversation, 'openQuote'>,
  turns: readonly Turn[],
  pending: readonly PendingEntry[],
): QuoteDecision | undefined {
  const waiting = new Set(pending.map((entry) => entry.wamid));
  const written = turns.filter((turn) => turn.role === 'customer' && waiting.has(turn.wamid));
  const latest = written.at(-1);
  if (!latest) return undefined;
  const tapped = buttonId.exec(latest.choiceId ?? '');
  if (tapped) return { invoiceId: tapped[1] as string, accept: tapped[2] === 'yes' };

  const quote = conversation.openQuote;
  if (!quote || written.length !== 1) return undefined;
  const lastBusiness = turns.filter((turn) => turn.role === 'business' && turn.atMs <= latest.atMs).at(-1);
  if (lastBusiness?.wamid !== quote.wamid) return undefined;
  const answer = clearAnswer(latest.text);
  return answer ? { invoiceId: quote.invoiceId, accept: answer === 'yes' } : undefined;
}
