// The console's client script (an ES module, no build step): keyboard, live updates from
// /api/events, the window countdowns, and the action forms, which call the JSON API with fetch
// (same origin: the browser sends the session cookies and the Origin header the server checks).

const main = document.querySelector('main[data-page]');

function typing(event) {
  const target = event.target;
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

function say(text, isError = false) {
  // Looked up each time: a redrawn section may have brought a new one.
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// The 24-hour window, counted down once a second.
function countdowns() {
  for (const badge of document.querySelectorAll('[data-closes-at]')) {
    const leftMs = Number(badge.dataset.closesAt) - Date.now();
    const minutes = Math.floor(leftMs / 60_000);
    badge.textContent =
      leftMs <= 0
        ? 'Window closed: templates only'
        : `${Math.floor(minutes / 60)}h ${minutes % 60}m left in the window`;
    badge.classList.toggle('closed', leftMs <= 0);
    badge.classList.toggle('closing', leftMs > 0 && leftMs < 60 * 60 * 1000);
  }
}
setInterval(countdowns, 1000);

// Sections marked data-live (or the inbox list) are replaced by the server's fresh rendering of this page.
async function refresh(selectors) {
  const response = await fetch(location.href, { headers: { accept: 'text/html' } });
  if (!response.ok) return;
  const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const selector of selectors) {
    const current = document.querySelector(selector);
    const next = fresh.querySelector(selector);
    if (current && next) current.replaceWith(document.importNode(next, true));
  }
  countdowns();
}

let refreshing;
function refreshSoon(selectors) {
  clearTimeout(refreshing);
  refreshing = setTimeout(() => refresh(selectors).then(afterRefresh), 150);
}
let afterRefresh = () => {};

function live(query, onChange) {
  const events = new EventSource(`/api/events?${new URLSearchParams(query)}`);
  events.addEventListener('conversation', (event) => onChange(JSON.parse(event.data)));
  events.addEventListener('messages', (event) => onChange(JSON.parse(event.data)));
}

// The inbox: j/k move the selection, Enter opens it, / searches.
if (main?.dataset.page === 'inbox') {
  let selectedId;
  const rows = () => [...document.querySelectorAll('#inbox-list .row')];
  const select = (row) => {
    for (const other of rows()) other.classList.toggle('selected', other === row);
    if (!row) return;
    selectedId = row.dataset.id;
    row.querySelector('a')?.focus();
  };
  afterRefresh = () => {
    const again = rows().find((row) => row.dataset.id === selectedId);
    if (again) again.classList.add('selected');
  };
  document.addEventListener('keydown', (event) => {
    if (typing(event) || event.metaKey || event.ctrlKey || event.altKey) return;
    const all = rows();
    const index = all.findIndex((row) => row.dataset.id === selectedId);
    if (event.key === 'j') select(all[Math.min(all.length - 1, index + 1)]);
    else if (event.key === 'k') select(all[Math.max(0, index - 1)]);
    else if (event.key === 'Enter' && index >= 0) all[index].querySelector('a')?.click();
    else if (event.key === '/') document.getElementById('search')?.focus();
    else return;
    event.preventDefault();
  });
  live({ since: main.dataset.since }, () => refreshSoon(['#approvals', '#inbox-list']));
}

// A conversation: r focuses the reply, t takes over; the forms call the API.
if (main?.dataset.page === 'conversation') {
  const id = main.dataset.id;
  const sections = ['#summary', '#timeline', '#actions'];
  document.addEventListener('keydown', (event) => {
    // Ctrl+Enter (⌘+Enter) in the reply sends it.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target?.id === 'reply') {
      event.preventDefault();
      event.target.form?.requestSubmit();
      return;
    }
    if (typing(event) || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === 'r') {
      const reply = document.getElementById('reply') ?? document.querySelector('.template input');
      if (!reply) return say('Take the conversation over to reply.', true);
      reply.focus();
    } else if (event.key === 't') document.getElementById('takeover')?.click();
    else return;
    event.preventDefault();
  });

  async function call(action, body) {
    // A file goes as multipart form data (the browser sets its boundary); everything else as JSON.
    const multipart = body instanceof FormData;
    const response = await fetch(action, {
      method: 'POST',
      headers: multipart
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
      body: multipart ? body : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) return answer;
    const fields = (answer.fields ?? []).map((field) => `${field.field}: ${field.message}`).join('; ');
    say(`${answer.message ?? 'That did not work.'}${fields ? ` (${fields})` : ''}`, true);
    // The window closed, or the conversation changed: show it as it is now (templates, owner).
    if (response.status === 409) await refresh(sections);
    return undefined;
  }

  document.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('#takeover') : null;
    if (!button) return;
    button.disabled = true;
    if (await call(button.dataset.action, { version: Number(button.dataset.version) }))
      say('It is yours now.');
    await refresh(sections);
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.action) return;
    event.preventDefault();
    const data = new FormData(form);
    if (form.dataset.multipart) data.set('requestId', crypto.randomUUID());
    const body = form.dataset.multipart
      ? data
      : form.dataset.template
        ? {
            template: {
              name: form.dataset.template,
              language: form.dataset.language,
              parameters: data.getAll('parameter'),
            },
            requestId: crypto.randomUUID(),
          }
        : Object.fromEntries(data.entries());
    if (form.id === 'reply-form') body.requestId = crypto.randomUUID();
    for (const control of form.elements) control.disabled = true;
    const answer = await call(form.dataset.action, body);
    for (const control of form.elements) control.disabled = false;
    if (!answer) return;
    form.reset();
    say('Done.');
    // A release changes what can be done; a reply does not, and what is being typed in another form stays.
    await refresh(form.id === 'release-form' ? sections : ['#summary', '#timeline']);
  });

  // New messages and ticks refresh the summary and the messages; a change of owner also the actions
  // (not otherwise: a reply being typed stays).
  live({ since: main.dataset.since, conversation: id }, (change) => {
    const version = document.getElementById('actions')?.dataset.version;
    if (change.item?.id === id && String(change.item.version) !== version) refreshSoon(sections);
    else if (change.kind === 'messages' || change.item?.id === id) refreshSoon(['#summary', '#timeline']);
  });
}

countdowns();

// Admin pages: each form with data-action sends its fields (as JSON, or with its file as multipart
// when data-multipart), then redraws data-refresh; data-follow follows the ingestion it started.
if (main?.dataset.page === 'admin') {
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.action) return;
    event.preventDefault();
    const method = form.dataset.method ?? 'POST';
    let body;
    if (form.dataset.multipart) {
      body = new FormData(form);
      // Names the upload: a retried request makes one document.
      if (method === 'POST') body.set('requestId', crypto.randomUUID());
    } else {
      // Fields named `x[]` (ticked boxes) become the array `x`, absent when none is ticked.
      const fields = {};
      for (const [key, value] of new FormData(form).entries()) {
        // A field left empty is not given.
        if (value === '') continue;
        if (!key.endsWith('[]')) fields[key] = value;
        else fields[key.slice(0, -2)] = [...(fields[key.slice(0, -2)] ?? []), value];
      }
      if (form.dataset.follow) fields.requestId = crypto.randomUUID();
      body = JSON.stringify(fields);
    }
    for (const control of form.elements) control.disabled = true;
    const response = await fetch(form.dataset.action, {
      method,
      headers: form.dataset.multipart
        ? { accept: 'application/json' }
        : { 'content-type': 'application/json', accept: 'application/json' },
      ...(method === 'DELETE' ? {} : { body }),
    });
    const answer = await response.json().catch(() => ({}));
    const outcomes = (answer.results ?? []).map((result) => `${result.id.slice(0, 8)}: ${result.outcome}`);
    say(
      response.ok
        ? outcomes.length
          ? `Done. ${outcomes.join(' · ')}`
          : 'Saved.'
        : (answer.message ?? 'That did not work.'),
      !response.ok,
    );
    if (response.ok && form.dataset.follow) await followIngestion(answer);
    // What failed stays as it was typed (a catalog with a mistake is corrected, not lost); what
    // succeeded is redrawn from the server (data-refresh: one or more selectors, comma-separated).
    if (response.ok || (response.status === 409 && !form.querySelector('textarea')))
      await refresh((form.dataset.refresh ?? 'main').split(',').map((selector) => selector.trim()));
    // A form the redraw did not replace is usable again.
    if (form.isConnected) for (const control of form.elements) control.disabled = false;
  });
}

/** Follows an ingestion job until it is done or failed, saying where it is. */
async function followIngestion(job) {
  const running = (status) => ['STARTING', 'IN_PROGRESS', 'STOPPING'].includes(status);
  let current = job;
  while (running(current.status)) {
    say(`Ingestion ${current.id}: ${current.status.toLowerCase().replace('_', ' ')}…`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const response = await fetch(`/api/knowledge-base/ingestions/${current.id}`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return say('Lost sight of the ingestion; reload to see it.', true);
    current = await response.json();
  }
  const stats = current.statistics;
  say(
    `Ingestion ${current.id}: ${current.status.toLowerCase()} · ${stats.scanned} scanned, ${stats.newIndexed} new, ${stats.modifiedIndexed} changed, ${stats.deleted} deleted, ${stats.failed} failed.`,
    current.status !== 'COMPLETE' || stats.failed > 0,
  );
}

// Contacts: a CSV is checked as a whole, then imported in steps of 2,500 rows behind a progress bar.
const importer = document.getElementById('import-form');
importer?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = document.getElementById('import-file')?.files?.[0];
  if (!file) return;
  const csv = await file.text();
  const mode = new FormData(importer).get('mode');
  const report = document.getElementById('import-report');
  const bar = document.getElementById('import-progress');
  const post = async (query) => {
    const response = await fetch(`/api/contacts/import?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'application/json' },
      body: csv,
    });
    return { ok: response.ok, answer: await response.json().catch(() => ({})) };
  };
  const checked = await post('mode=check');
  if (!checked.ok) return say(checked.answer.message ?? 'That did not work.', true);
  const { valid, total, errors, errorCount } = checked.answer;
  report.replaceChildren(
    Object.assign(document.createElement('p'), { textContent: `${valid} of ${total} rows can be imported.` }),
    ...errors.slice(0, 50).map((error) =>
      Object.assign(document.createElement('p'), {
        className: 'note',
        textContent: `Line ${error.line}: ${error.problems.join('; ')}`,
      }),
    ),
  );
  if (mode === 'all' && errorCount > 0)
    return say('Nothing imported: correct the rows listed, or import the valid rows only.', true);
  const id = crypto.randomUUID();
  bar.hidden = false;
  bar.max = Math.max(1, valid);
  let written = 0;
  for (let from = 0; ; from += 2500) {
    const step = await post(`mode=${mode}&from=${from}&count=2500&id=${id}`);
    if (!step.ok) return say(step.answer.message ?? 'The import stopped.', true);
    written += step.answer.written ?? 0;
    bar.value = Math.min(from + 2500, bar.max);
    if (step.answer.done) break;
  }
  say(`Imported ${written} contacts.`);
});
