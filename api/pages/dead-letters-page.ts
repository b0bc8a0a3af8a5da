import { html } from 'hono/html';
import type { DeadLetterPreview, DeadLetterQueueDepth } from '#channels/dead-letters/dead-letter-desk.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { topBar } from './page-parts.ts';

/**
 * Dead letters (Admin): each queue with its depth; the chosen queue's letters with their reason,
 * first-seen time and a masked preview; replay the ones ticked (up to 10), or the next 10.
 */
export function deadLettersPage(
  staff: StaffMember,
  view: { depths: DeadLetterQueueDepth[]; queue: string; letters: DeadLetterPreview[] },
) {
  const action = `/api/dead-letters/${view.queue}/replay`;
  return page(
    'Dead letters',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>Dead letters</h1>
        <p class="keys">What could not be handled, kept to be replayed through the function that failed it. Replaying twice sends nothing twice.</p>
        <p id="status" role="status" aria-live="polite"></p>
        <nav class="queues" aria-label="Queues">
          ${view.depths.map(
            (
              depth,
            ) => html`<a href="/console/dead-letters?queue=${depth.queue}" ${depth.queue === view.queue ? html`aria-current="page"` : ''}
              >${depth.queue} <span class="badge">${depth.waiting}</span>${depth.inFlight ? html` <small>(${depth.inFlight} in flight)</small>` : ''}</a>`,
          )}
        </nav>
        <div id="letters">
          <form data-action="${action}" data-refresh="#letters">
            <table class="grid">
              <thead><tr><th></th><th>First seen (UTC)</th><th>Kind</th><th>Reason</th><th>Tries</th><th>Preview</th></tr></thead>
              <tbody>
                ${
                  view.letters.length === 0
                    ? html`<tr><td colspan="6" class="empty">This queue is empty.</td></tr>`
                    : view.letters.map(
                        (letter) => html`<tr>
                          <td><input type="checkbox" name="ids[]" value="${letter.id}" aria-label="Choose letter ${letter.id}" /></td>
                          <td>${letter.firstSeenAt.replace('T', ' ').slice(0, 19)}</td>
                          <td>${letter.kind}</td>
                          <td>${letter.reason}</td>
                          <td>${letter.receiveCount}</td>
                          <td><code>${letter.preview}</code></td>
                        </tr>`,
                      )
                }
              </tbody>
            </table>
            <button type="submit" ${view.letters.length ? '' : 'disabled'}>Replay the chosen letters</button>
          </form>
          <form data-action="${action}" data-refresh="#letters">
            <input type="hidden" name="next" value="true" />
            <button type="submit" ${view.letters.length ? '' : 'disabled'}>Replay the next 10</button>
          </form>
        </div>
      </main>`,
    { script: '/assets/console.js' },
  );
}
