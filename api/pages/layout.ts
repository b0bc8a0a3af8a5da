import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * The console's page frame, rendered on the server with Hono's `html` template (every value
 * escaped): no client build, no inline script (the CSP allows scripts and styles from the console
 * itself only), Noto fonts for Devanagari and Bengali names where the system has them.
 */
export function page(
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>,
  options: { script?: string } = {},
) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · WECARE.DIGITAL</title>
    <link rel="stylesheet" href="/assets/console.css" />
    <link rel="icon" href="data:," />
    ${options.script ? html`<script type="module" src="${options.script}"></script>` : ''}
  </head>
  <body>
    ${body}
  </body>
</html>`;
}
