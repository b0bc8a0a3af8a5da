import { html } from 'hono/html';
import { page } from './layout.ts';

const titles: Record<number, string> = {
  400: 'That address is not quite right',
  403: 'Not for your role',
  404: 'Nothing here',
  409: 'That changed meanwhile',
  413: 'Too large',
  500: 'Something went wrong on our side',
};

/** What a person sees instead of a JSON problem when a console page cannot be shown. */
export function errorPage(status: number, message: string) {
  return page(
    titles[status] ?? 'That did not work',
    html`<main class="admin">
      <h1>${titles[status] ?? 'That did not work'}</h1>
      <p>${message}</p>
      <p><a href="/console/inbox">Back to the inbox</a></p>
    </main>`,
  );
}
