import { html } from 'hono/html';
import type { StaffMember } from '../auth/roles.ts';
import { allows } from '../auth/roles.ts';
import { page } from './layout.ts';
import { named, topBar } from './page-parts.ts';

export interface ContactRow {
  id: string;
  name: string;
  phone: string;
  email?: string | undefined;
  optOut: { whatsapp: boolean; sms: boolean; email: boolean };
  version: number;
}

/**
 * Contacts: a search by number (any format) or name start; each result with its opt-outs; an
 * Operator adds a contact or deletes one (the API changes them; the forms post JSON).
 */
export function contactsPage(
  staff: StaffMember,
  search: { q?: string | undefined; items: ContactRow[]; nextCursor?: string | undefined },
) {
  const writes = allows(staff.role, 'Operator');
  return page(
    'Contacts',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>Contacts</h1>
        <form class="filters" method="get" action="/console/contacts" role="search">
          <label>Name or number <input name="q" value="${search.q ?? ''}" required dir="auto" placeholder="+91 98765 43210 or Priya" /></label>
          <button type="submit">Search</button>
        </form>
        <p id="status" role="status" aria-live="polite"></p>
        <div id="contacts">
          ${
            search.q === undefined
              ? html`<p class="keys">Search by a number in any format, or by the start of a name (any script).</p>`
              : html`<table class="grid">
                  <thead><tr><th>Name</th><th>Number</th><th>Email</th><th>Opted out of${writes ? ' (click to change)' : ''}</th>${writes ? html`<th></th>` : ''}</tr></thead>
                  <tbody>
                    ${
                      search.items.length === 0
                        ? html`<tr><td colspan="5" class="empty">No contact found.</td></tr>`
                        : search.items.map(
                            (contact) => html`<tr data-contact="${contact.id}">
                              <td>${named(contact.name)}</td>
                              <td>+${contact.phone}</td>
                              <td>${contact.email ?? ''}</td>
                              <td>
                                ${(['whatsapp', 'sms', 'email'] as const).map((channel) =>
                                  writes
                                    ? html`<form class="inline" data-action="/api/contacts/${contact.id}/opt-outs" data-refresh="#contacts">
                                        <input type="hidden" name="channel" value="${channel}" />
                                        <input type="hidden" name="optedOut" value="${String(!contact.optOut[channel])}" />
                                        <input type="hidden" name="version" value="${contact.version}" />
                                        <button type="submit" class="${contact.optOut[channel] ? 'member' : 'not-member'}" aria-pressed="${String(contact.optOut[channel])}"
                                          aria-label="${contact.optOut[channel] ? 'Opt back in to' : 'Opt out of'} ${channel}">${channel}${contact.optOut[channel] ? ' ✕' : ''}</button>
                                      </form>`
                                    : contact.optOut[channel]
                                      ? html`<span>${channel}</span> `
                                      : '',
                                )}
                              </td>
                              ${
                                writes
                                  ? html`<td>
                                      <form data-action="/api/contacts/${contact.id}?version=${contact.version}" data-method="DELETE" data-refresh="#contacts">
                                        <button type="submit" aria-label="Delete ${contact.name}">Delete</button>
                                      </form>
                                    </td>`
                                  : ''
                              }
                            </tr>`,
                          )
                    }
                  </tbody>
                </table>
                ${search.nextCursor ? html`<a class="more" rel="next" href="/console/contacts?q=${encodeURIComponent(search.q)}&cursor=${search.nextCursor}">More</a>` : ''}`
          }
        </div>
        ${
          writes
            ? html`<h2>Add a contact</h2>
                <form class="filters" data-action="/api/contacts" data-refresh="#contacts">
                  <label>Name <input name="name" required maxlength="120" dir="auto" /></label>
                  <label>Number <input name="phone" required maxlength="32" placeholder="+91 98765 43210" /></label>
                  <label>Email <input name="email" type="email" maxlength="254" /></label>
                  <button type="submit">Add</button>
                </form>
                <h2>Import from a CSV file</h2>
                <p class="keys">Columns: name, phone (required), email, language (en, hi, bn), notes, opt_out_whatsapp, opt_out_sms, opt_out_email (yes/no). Every row is checked first.</p>
                <form id="import-form" class="filters" data-import="true">
                  <label>File <input id="import-file" type="file" accept=".csv,text/csv" required /></label>
                  <label><input type="radio" name="mode" value="valid" checked /> Import the valid rows</label>
                  <label><input type="radio" name="mode" value="all" /> All rows or none</label>
                  <button type="submit">Check and import</button>
                </form>
                <progress id="import-progress" hidden value="0" max="1"></progress>
                <div id="import-report" aria-live="polite"></div>
                <p><a href="/api/contacts/export" download="wecare-contacts.csv">Export every contact (CSV)</a></p>`
            : ''
        }
      </main>`,
    { script: '/assets/console.js' },
  );
}
