import '#core/aws/clients/dynamodb.ts';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { linkNotFound, openShortLink } from '#channels/links/open-short-link.ts';
import { platform } from './composition-root.ts';
import { lambdaShell } from './lambda-shell.ts';

/** Codes are eight base-62 characters (linkCodeOf); anything else cannot be a link. */
const ShortLinkRequest = z.object({
  pathParameters: z.object({ code: z.string().regex(/^[0-9A-Za-z]{4,32}$/) }),
});

const html = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  },
  body,
});

/**
 * `wecare-short-link`: the public `GET /l/{code}` route of the HTTP API (no sign-in: customers open
 * it from WhatsApp). A malformed code is a 404 page like an unknown one, never an error.
 */
export const handler = lambdaShell(
  'wecare-short-link',
  async (event: APIGatewayProxyEventV2, _context: Context, { count }) => {
    const request = ShortLinkRequest.safeParse(event);
    const { config, clients } = platform();
    const opened = request.success
      ? await openShortLink(request.data.pathParameters.code, {
          documents: clients.documents,
          tables: { link: config.tables.link, invoice: config.tables.invoice },
        })
      : linkNotFound();
    count(opened.status === 200 ? 'ShortLinksOpened' : 'ShortLinksNotFound');
    return html(opened.status, opened.html);
  },
);
