import { html } from 'hono/html';
import type { AuditPage } from '#core/stores/audit-query.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { clock, topBar } from './page-parts.ts';

export interface AuditFilter {
  limit?: number | undefined;
  actor?: string | undefined;
  conversation?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The actions the filter offers (any other can still be typed into the address). */
const knownActions = [
  'takeover',
  'release',
  'agent-reply',
  'invoice-approved',
  'invoice-rejected',
  'bot-reply-flagged',
  'request-human',
  'invoice-notice-failed',
  'invoice-quoted',
  'tool-failed',
  'tool-refused',
  'notify-human-agents',
  'bot-answer',
  'role-removed-refused',
  'role-added-refused',
  'templates-synced',
  'dead-letters-replayed',
  'role-added',
  'role-removed',
  'console-refused',
  'console-request-failed',
  'contact-created',
  'contact-updated',
  'contact-deleted',
  'contacts-imported',
  'contacts-exported',
  'kb-document-uploaded',
  'kb-document-replaced',
  'kb-document-deleted',
  'kb-file-deleted',
  'kb-ingestion-started',
  'kb-evaluated',
  'kb-published',
  'catalog-staged',
  'catalog-discarded',
];

/** The audit log: filters on top, entries newest first, a link to the next page. */
export function auditPage(staff: StaffMember, filter: AuditFilter, audit: AuditPage) {
  const admin = staff.role === 'Admin';
  const next = new URLSearchParams(
    Object.entries({ ...filter, ...(audit.nextCursor ? { cursor: audit.nextCursor } : {}) })
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]): [string, string] => [key, String(value)]),
  );
  return page(
    'Audit',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>Audit log</h1>
        <p class="keys">${admin ? 'Everyone’s actions' : 'Your actions'}, newest first; kept 180 days, never edited.</p>
        <form class="filters" method="get" action="/console/audit">
          ${admin ? html`<label>Actor <input name="actor" value="${filter.actor ?? ''}" /></label>` : ''}
          <label>Conversation <input name="conversation" value="${filter.conversation ?? ''}" /></label>
          <label>Action
            <input name="action" list="actions" value="${filter.action ?? ''}" placeholder="any" />
            <datalist id="actions">${knownActions.map((action) => html`<option value="${action}"></option>`)}</datalist>
          </label>
          <label>From <input type="date" name="from" value="${filter.from ?? ''}" /></label>
          <label>To <input type="date" name="to" value="${filter.to ?? ''}" /></label>
          <button type="submit">Show</button>
        </form>
        <table id="audit" class="grid">
          <thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Conversation</th><th>Details</th></tr></thead>
          <tbody>
            ${
              audit.items.length === 0
                ? html`<tr><td colspan="5" class="empty">No entries.</td></tr>`
                : audit.items.map(
                    (entry) => html`<tr>
                      <td>${clock(entry.atMs)}</td>
                      <td>${entry.actorId}</td>
                      <td>${entry.action}</td>
                      <td>${entry.conversationId ? html`<a href="/console/conversations/${encodeURIComponent(entry.conversationId)}">${entry.conversationId}</a>` : ''}</td>
                      <td><code>${entry.details ? JSON.stringify(entry.details) : ''}</code></td>
                    </tr>`,
                  )
            }
          </tbody>
        </table>
        ${audit.nextCursor ? html`<a class="more" rel="next" href="/console/audit?${next.toString()}">Older</a>` : ''}
      </main>`,
  );
}
