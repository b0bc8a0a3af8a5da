import { html } from 'hono/html';
import { previewOf, type TemplatesView } from '#channels/whatsapp/templates/template-view.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { named, topBar } from './page-parts.ts';

/**
 * Templates: each business number's, with language, category, status and parameters; a form per
 * template fills its parameters into a preview (rendered by the server: no script needed).
 */
export function templatesPage(
  staff: StaffMember,
  view: TemplatesView,
  preview?: { number: number; template: number; parameters: string[] },
) {
  return page(
    'Templates',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>WhatsApp templates</h1>
        <p class="keys">
          ${view.syncedAt ? `Synced from the account at ${view.syncedAt.replace('T', ' ').slice(0, 16)} UTC.` : 'Never synced: the bundled sample catalog is shown.'}
          Only approved templates can be sent.
        </p>
        <p id="status" role="status" aria-live="polite"></p>
        ${
          staff.role === 'Admin'
            ? html`<form data-action="/api/templates/sync" data-refresh="main"><button type="submit">Sync from the account</button></form>`
            : ''
        }
        ${view.numbers.map(
          (number, numberIndex) => html`<section class="number-templates">
            <h2>${number.displayNumber} · ${number.displayName}</h2>
            <table class="grid">
              <thead><tr><th>Name</th><th>Language</th><th>Category</th><th>Status</th><th>Body</th><th>Preview</th></tr></thead>
              <tbody>
                ${number.templates.map((template, templateIndex) => {
                  const chosen = preview?.number === numberIndex && preview.template === templateIndex;
                  return html`<tr class="${template.status === 'APPROVED' ? '' : 'not-approved'}">
                    <td>${template.name}</td>
                    <td>${template.language}</td>
                    <td>${template.category}</td>
                    <td>${template.status}</td>
                    <td>${named(template.body)}</td>
                    <td>
                      <form method="get" action="/console/templates">
                        <input type="hidden" name="number" value="${numberIndex}" />
                        <input type="hidden" name="template" value="${templateIndex}" />
                        ${Array.from(
                          { length: template.bodyParameters },
                          (
                            _,
                            index,
                          ) => html`<input name="p" aria-label="{{${index + 1}}}" placeholder="{{${index + 1}}}" dir="auto"
                            value="${chosen ? (preview?.parameters[index] ?? '') : ''}" />`,
                        )}
                        <button type="submit">Preview</button>
                      </form>
                      ${chosen ? html`<p class="preview" dir="auto">${previewOf(template.body, preview?.parameters ?? [])}</p>` : ''}
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </section>`,
        )}
      </main>`,
    { script: '/assets/console.js' },
  );
}
