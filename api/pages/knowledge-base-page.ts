import { html } from 'hono/html';
import type { DocumentStatus } from '#kb/documents/document-status.ts';
import { kbLanguages } from '#kb/documents/kb-document-record.ts';
import type { KnowledgeBaseView } from '#kb/documents/knowledge-base-view.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { clock, named, topBar } from './page-parts.ts';

const languageNames: Record<(typeof kbLanguages)[number], string> = {
  en: 'English',
  hi: 'Hindi',
  bn: 'Bengali',
};

const stagedText = {
  new: 'Staged: not in the answers until published',
  replaced: 'New version staged: customers get the previous one until published',
  removed: 'Deletion staged: still in the answers until published',
} as const;

const statusText: Record<Exclude<DocumentStatus['state'], 'staged'>, string> = {
  waiting: 'Published: waiting for an ingestion',
  ingesting: 'Being ingested',
  indexed: 'In the answers',
  failed: 'Not in the answers',
  removing: 'Deleted: leaves the answers at the next ingestion',
  removed: 'Deleted',
};

const verdictText = {
  worse: 'Worse',
  better: 'Better',
  'sources-changed': 'Other sources',
  unchanged: 'Unchanged',
} as const;

const recallText = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/**
 * What the last evaluation of the staged changes found, shown beside the Publish button: the
 * cases whose passages would lose their facts or cited documents first.
 */
function evaluationPart(view: KnowledgeBaseView) {
  const evaluation = view.evaluation;
  if (!evaluation)
    return html`<p id="evaluation" class="note">The staged changes have not been evaluated.</p>`;
  const { report, current } = evaluation;
  if (view.staged === 0)
    return html`<p id="evaluation" class="note">The last evaluation (${clock(report.atMs)}, ${report.by}) judged changes that have since been published or withdrawn.</p>`;
  return html`<div id="evaluation" data-current="${String(current)}">
    <p class="${report.worse > 0 ? 'error' : ''}">
      ${current ? '' : html`<b>Out of date:</b> it judged other staged changes; evaluate again before publishing. `}
      Evaluated ${clock(report.atMs)} by ${report.by}: of ${report.cases} cases resting on the documents,
      <b id="gate-worse">${report.worse}</b> would be worse, ${report.better} better, ${report.sourcesChanged} answered from other documents.
    </p>
    ${
      report.rows.length
        ? html`<table class="grid">
            <thead><tr><th>Verdict</th><th>Case</th><th>Question</th><th>Facts found</th><th>Sources now → staged</th></tr></thead>
            <tbody>${report.rows.map(
              (row) => html`<tr data-case="${row.id}" data-verdict="${row.verdict}">
                <td>${verdictText[row.verdict]}</td>
                <td><code>${row.id}</code><br /><small>${row.category}, ${row.language}</small></td>
                <td>${named(row.question)}</td>
                <td>${recallText(row.recall.now)} → ${recallText(row.recall.staged)}${row.citations.lost.length ? html`<br /><small class="note">no longer from ${row.citations.lost.join(', ')}</small>` : ''}</td>
                <td>${row.sources.now.join(', ') || 'none'}<br />→ ${row.sources.staged.join(', ') || 'none'}</td>
              </tr>`,
            )}</tbody>
          </table>`
        : html`<p>No case would be answered from other passages.</p>`
    }
  </div>`;
}

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The Knowledge Base (Admin): upload a document, start an ingestion and follow it, each document
 * with where it stands (waiting, in the answers, failed and why), replace or delete it; the files
 * not uploaded here (starter documents, price lists); the service catalog, edited and validated.
 */
export function knowledgeBasePage(
  staff: StaffMember,
  view: KnowledgeBaseView,
  catalog: { text: string; etag: string },
) {
  const running = view.jobs.find((job) => ['STARTING', 'IN_PROGRESS', 'STOPPING'].includes(job.status));
  return page(
    'Knowledge Base',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>Knowledge Base</h1>
        <p class="keys">An upload, a new version or a deletion is staged: customers keep getting answers from what was there before until the changes are published (and ingested). Staged changes can be indexed first, for an evaluation, without reaching any customer. Upload PDF, Word, HTML, Markdown or text up to 4 MB; the type is read from the file itself.</p>
        <p id="status" role="status" aria-live="polite"></p>
        <section>
          <h2>Upload a document</h2>
          <form id="kb-upload" data-action="/api/knowledge-base/documents" data-multipart="true" data-refresh="#kb-upload, #documents, #ingestion">
            <label>File <input type="file" name="file" required accept=".pdf,.doc,.docx,.html,.htm,.md,.txt" /></label>
            <label>Title <input name="title" required maxlength="200" dir="auto" /></label>
            <label>Language
              <select name="language">${kbLanguages.map((language) => html`<option value="${language}">${languageNames[language]}</option>`)}</select>
            </label>
            <label>Owner <input name="owner" required maxlength="100" placeholder="Team or person answering for it" /></label>
            <button type="submit">Upload</button>
          </form>
        </section>
        <section id="ingestion">
          <h2>Staged changes and ingestion</h2>
          <p id="staged-count">${view.staged === 0 ? 'Nothing is staged: every document is published.' : `${view.staged} document${view.staged === 1 ? ' has a change' : 's have changes'} staged: customers are answered from what was there before until they are published.`}</p>
          <ol class="keys">
            <li><form data-action="/api/knowledge-base/ingestions" data-follow="true" data-refresh="#ingestion, #documents">
              <input type="hidden" name="publish" value="false" />
              <button type="submit" id="index-staged" class="secondary" ${running ? html`disabled title="An ingestion is running"` : ''}>Index the staged changes</button> (no customer sees them)
            </form></li>
            <li><form id="evaluate" data-action="/api/knowledge-base/evaluations" data-refresh="#ingestion">
              <button type="submit" class="secondary" ${view.staged === 0 ? html`disabled title="Nothing is staged"` : ''}>Evaluate them against the evals</button>
            </form></li>
            <li><form data-action="/api/knowledge-base/ingestions" data-follow="true" data-refresh="#ingestion, #documents">
              <input type="hidden" name="publish" value="true" />
              <button type="submit" id="publish" ${running ? html`disabled title="An ingestion is running"` : ''}>Publish the staged changes</button>
            </form></li>
          </ol>
          ${evaluationPart(view)}
          <table class="grid">
            <thead><tr><th>Job</th><th>Status</th><th>Started (UTC)</th><th>Scanned</th><th>New</th><th>Changed</th><th>Deleted</th><th>Failed</th></tr></thead>
            <tbody>
              ${
                view.jobs.length === 0
                  ? html`<tr><td colspan="8" class="empty">No ingestion yet.</td></tr>`
                  : view.jobs.map(
                      (job) => html`<tr data-job="${job.id}">
                        <td>${job.id}</td><td>${job.status}</td><td>${clock(job.startedAtMs)}</td>
                        <td>${job.statistics.scanned}</td><td>${job.statistics.newIndexed}</td>
                        <td>${job.statistics.modifiedIndexed}</td><td>${job.statistics.deleted}</td>
                        <td>${job.statistics.failed}${job.failureReasons.length ? html`<ul class="note">${job.failureReasons.slice(0, 5).map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}</td>
                      </tr>`,
                    )
              }
            </tbody>
          </table>
        </section>
        <section id="documents">
          <h2>Documents</h2>
          <table class="grid">
            <thead><tr><th>Title</th><th>Language</th><th>Owner</th><th>File</th><th>Version</th><th>Uploaded</th><th>Status</th><th>Replace</th><th></th></tr></thead>
            <tbody>
              ${
                view.documents.length === 0
                  ? html`<tr><td colspan="9" class="empty">No document uploaded here yet.</td></tr>`
                  : view.documents.map(
                      (
                        document,
                      ) => html`<tr data-document="${document.id}" data-state="${document.status.state}">
                        <td>${named(document.title)}</td>
                        <td>${languageNames[document.language]}</td>
                        <td>${document.owner}</td>
                        <td>${document.fileName} <small>(${document.format}, ${kilobytes(document.sizeBytes)})</small></td>
                        <td>${document.version}</td>
                        <td>${document.uploadedBy}<br /><small>${clock(document.uploadedAtMs)}</small></td>
                        <td class="kb-status">${document.status.state === 'staged' ? stagedText[document.status.change] : statusText[document.status.state]}${document.status.state === 'failed' ? html`<br /><small class="note">${document.status.reason}</small>` : ''}</td>
                        <td>${
                          document.deletedAtMs === undefined
                            ? html`<form data-action="/api/knowledge-base/documents/${document.id}" data-method="PUT" data-multipart="true" data-refresh="#documents, #ingestion">
                                <input type="hidden" name="version" value="${document.version}" />
                                <input type="file" name="file" required aria-label="New version of ${document.title}" accept=".pdf,.doc,.docx,.html,.htm,.md,.txt" />
                                <button type="submit">Replace</button>
                              </form>`
                            : ''
                        }</td>
                        <td>${
                          document.deletedAtMs === undefined
                            ? html`<form data-action="/api/knowledge-base/documents/${document.id}?version=${document.version}" data-method="DELETE" data-refresh="#documents, #ingestion">
                                <button type="submit" aria-label="Delete ${document.title}">Delete</button>
                              </form>`
                            : ''
                        }</td>
                      </tr>`,
                    )
              }
            </tbody>
          </table>
          ${view.nextCursor ? html`<p><a href="/console/knowledge-base?cursor=${view.nextCursor}">Older documents</a></p>` : ''}
        </section>
        ${
          view.otherFiles.length
            ? html`<section id="other-files">
                <h2>Other files under the prefix</h2>
                <p class="keys">Not uploaded here: the starter documents (sample content) and the price lists generated from the catalog.</p>
                <table class="grid">
                  <thead><tr><th>File</th><th>Size</th><th>Changed (UTC)</th><th></th></tr></thead>
                  <tbody>
                    ${view.otherFiles.map(
                      (file) => html`<tr>
                        <td>${file.name}</td><td>${kilobytes(file.sizeBytes)}</td><td>${clock(file.modifiedAtMs)}</td>
                        <td><form data-action="/api/knowledge-base/files/${file.name}" data-method="DELETE" data-refresh="#other-files">
                          <button type="submit" aria-label="Delete ${file.name}">Delete</button>
                        </form></td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </section>`
            : ''
        }
        <section id="catalog">
          <h2>Service catalog (prices)</h2>
          <p class="keys">The only source of prices. Checked before it is saved; a save is staged with its price lists, like a document: quotes, invoices and answers keep the published catalog until the staged changes are published (quotes within a minute, the price lists in the answers after the ingestion).</p>
          <div id="catalog-staged" ${view.catalogStaged ? '' : 'hidden'}>
            <p class="note">This is the staged catalog: customers are quoted from the published one until it is published.</p>
            <form data-action="/api/knowledge-base/catalog/staged" data-method="DELETE" data-refresh="#catalog-form, #catalog-staged, #ingestion">
              <button type="submit" class="secondary">Discard the staged catalog</button>
            </form>
          </div>
          <form id="catalog-form" data-action="/api/knowledge-base/catalog" data-method="PUT" data-refresh="#catalog-form, #catalog-staged, #ingestion">
            <input type="hidden" name="etag" value="${catalog.etag}" />
            <textarea name="text" rows="24" spellcheck="false" aria-label="Service catalog (JSON)">${catalog.text}</textarea>
            <button type="submit">Save the catalog</button>
          </form>
        </section>
      </main>`,
    { script: '/assets/console.js' },
  );
}
