import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rupees } from '#kb/catalog/price-breakdown.ts';

export interface ShortLinkPage {
  status: 200 | 404;
  html: string;
}

/**
 * What a customer sees when they open a short link from WhatsApp (`/l/<code>`): the invoice it pays,
 * or a page saying the link does not exist. The click is counted. Until a payment gateway is
 * connected this page is the invoice itself, and says that no money moves here.
 */
export async function openShortLink(
  code: string,
  dependencies: { documents: DynamoDBDocumentClient; tables: { link: string; invoice: string } },
): Promise<ShortLinkPage> {
  const { documents, tables } = dependencies;
  const link = (await documents.send(new GetCommand({ TableName: tables.link, Key: { id: code } }))).Item;
  const invoice = link?.invoiceId
    ? (await documents.send(new GetCommand({ TableName: tables.invoice, Key: { id: link.invoiceId } }))).Item
    : undefined;
  if (!link || !invoice) return linkNotFound();
  await documents.send(
    new UpdateCommand({
      TableName: tables.link,
      Key: { id: code },
      UpdateExpression: 'ADD clicks :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  const body = `<p><strong>${escapeHtml(String(invoice.description))}</strong></p><p class="amount">${rupees(Number(invoice.amountPaise))}</p><p>Invoice ${escapeHtml(String(invoice.id))} · ${escapeHtml(String(invoice.status))}</p><p class="note">No payment gateway is connected yet: no money moves on this page.</p>`;
  return { status: 200, html: page('Pay WECARE.DIGITAL', body) };
}

/** The page for a code that is not a link (unknown, expired, or not even shaped like one). */
export function linkNotFound(): ShortLinkPage {
  return {
    status: 404,
    html: page(
      'Link not found',
      '<p>This link does not exist or has expired. Ask us on WhatsApp for a new one.</p>',
    ),
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#111b21}h1{color:#008069;font-size:20px}.amount{font-size:28px;font-weight:600}.note{color:#667781;font-size:13px}</style></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
