import '#core/aws/clients/dynamodb.ts';
import { Hono } from 'hono';
import { openShortLink } from '#channels/links/open-short-link.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { paymentLinkPage } from '../pages/payment-link-page.ts';

/**
 * `GET /l/<code>`: the payment links the bot and the Operators send, public (customers open them
 * from WhatsApp, signed in to nothing). A code that is no link is the not-found page, a 404.
 */
export function paymentLinkRoutes({ config, clients }: ConsoleDependencies) {
  const app = new Hono();
  app.get('/l/:code', async (c) => {
    const opened = await openShortLink(c.req.param('code'), {
      documents: clients.documents,
      tables: { link: config.tables.link, invoice: config.tables.invoice },
    });
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(paymentLinkPage(opened), opened.found ? 200 : 404);
  });
  return app;
}
