import { callAnswered, resultData, type ToolResultBlock, type Turn } from './conversation-reading.ts';
import { phrases } from './offline-phrases.ts';
import type { SaidLanguage } from './said-language.ts';

/**
 * What the offline stand-in model says once its tools have answered: only what the results say (a
 * link, a name, an amount the result states), never a fact of its own. A failed call is said so,
 * with a person offered; after a handoff, that a person will reply.
 */
export function toolResultReply(
  messages: readonly Turn[],
  results: readonly ToolResultBlock[],
  language: SaidLanguage,
): string {
  const said = phrases[language];
  const answers = results.map((result) => {
    const call = callAnswered(messages, result);
    const data = resultData(result);
    if (result.status === 'error' || !call || data.error !== undefined || data.ok === false) return 'failed';
    switch (call.name) {
      case 'request_human':
        return said.handoff;
      case 'create_invoice_link':
        return invoiceReply(data, call.input, language);
      case 'lookup_contact':
        return typeof data.name === 'string' && data.name && data.found !== false
          ? said.contact(data.name)
          : said.notOnFile;
      default:
        return said.done;
    }
  });
  if (answers.includes('failed')) return said.toolFailed;
  // A handoff says everything the customer needs to hear.
  if (answers.includes(said.handoff)) return said.handoff;
  return [...new Set(answers)].join('\n');
}

function invoiceReply(data: Record<string, unknown>, input: unknown, language: SaidLanguage): string {
  const said = phrases[language];
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = data[key];
      if (typeof value === 'string' && value.trim()) return value.trim();
    }
    return undefined;
  };
  const asked = input && typeof input === 'object' ? (input as { serviceId?: unknown }).serviceId : undefined;
  const service =
    text('serviceName', 'description', 'service', 'name', 'serviceId') ??
    (typeof asked === 'string' ? asked : '');
  const amount = text('amountDisplay', 'total', 'amount');
  const link = text('url', 'link', 'paymentLink');
  if (data.status === 'pending-approval') return said.invoicePending(service, amount);
  if (link) return said.invoice(service, amount, link);
  return said.invoiceSent(service);
}
