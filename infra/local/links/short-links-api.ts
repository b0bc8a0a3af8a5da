import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
import { rupees } from '#tools/create-invoice-link.ts';
import type { StandInApi } from '../aws-stand-in/stand-in-api.ts';

/**
 * Short links on one machine: `/l/<code>` resolves a LinkTable entry and shows the invoice it pays,
 * standing in for the payment gateway's page (the console's link route does this in AWS).
 */
export function shortLinksApi(config: Config, clients: AwsClients): StandInApi {
  return {
    name: 'short-links',
    signingName: 'none',
    protocol: 'rest-json',
    operations: [],
    httpRoutes: [
      {
        method: 'GET',
        path: '/l/{code}',
        async handle(request) {
          const code = request.params.code ?? '';
          const link = (
            await clients.documents.send(new GetCommand({ TableName: config.tables.link, Key: { id: code } }))
          ).Item;
          const invoice = link?.invoiceId
            ? (
                await clients.documents.send(
                  new GetCommand({ TableName: config.tables.invoice, Key: { id: link.invoiceId } }),
                )
              ).Item
            : undefined;
          if (!link || !invoice)
            return {
              status: 404,
              raw: page(
                'Link not found',
                '<p>This link does not exist or has expired. Ask us on WhatsApp for a new one.</p>',
              ),
              contentType: 'text/html; charset=utf-8',
            };
          await clients.documents.send(
            new UpdateCommand({
              TableName: config.tables.link,
              Key: { id: code },
              UpdateExpression: 'ADD clicks :one',
              ExpressionAttributeValues: { ':one': 1 },
            }),
          );
          const body = `<p><strong>${escapeHtml(String(invoice.description))}</strong></p><p class="amount">${rupees(Number(invoice.amountPaise))}</p><p>Invoice ${escapeHtml(String(invoice.id))} · ${escapeHtml(String(invoice.status))}</p><p class="note">Local stand-in for the payment gateway: no money moves here.</p>`;
          return { raw: page('Pay WECARE.DIGITAL', body), contentType: 'text/html; charset=utf-8' };
        },
      },
    ],
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#111b21}h1{color:#008069;font-size:20px}.amount{font-size:28px;font-weight:600}.note{color:#667781;font-size:13px}</style></head><body><h1>${title}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
