import { html } from 'hono/html';
import type { ConversationView } from '#agent/console/conversation-view.ts';
import type { OfferedTemplate } from '#agent/console/offered-templates.ts';
import { mediaTypes } from '#core/config/media-types.ts';
import { rupees } from '#kb/catalog/price-breakdown.ts';
import { allows, type StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { clock, named, stateLabels, topBar, windowBadge } from './page-parts.ts';

type Message = ConversationView['messages'][number];

const ticks = { accepted: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', deleted: '🗑' } as const;

/**
 * One conversation: the handoff packet first when it waits for a person, the messages with their
 * ticks, failures, citations and tool calls, then what the signed-in person may do (an Operator:
 * take over, reply, send a template, release; a Viewer reads only). The script refreshes the
 * sections marked `data-live` when the event stream says something changed.
 */
export function conversationPage(staff: StaffMember, view: ConversationView, nowMs: number) {
  const { conversation } = view;
  const operator = allows(staff.role, 'Operator');
  return page(
    conversation.customerName ?? `+${conversation.customerWaId}`,
    html`${topBar(staff)}
      <main class="conversation" data-page="conversation" data-id="${conversation.id}" data-since="${nowMs}">
        <a class="back" href="/console/inbox">← Inbox</a>
        <section id="summary" data-live data-version="${conversation.version}">
          <h1>${named(conversation.customerName ?? `+${conversation.customerWaId}`)}</h1>
          <p class="meta">
            +${conversation.customerWaId} · to ${conversation.businessNumber} ·
            <span class="badge state-${conversation.state}">${stateLabels[conversation.state]}</span>
            ${conversation.owner ? ` · with ${conversation.owner}` : ''} · ${windowBadge(conversation.windowClosesAtMs, nowMs)}
          </p>
          ${
            view.handoff
              ? html`<div class="handoff" role="note">
                <h2>Handed over: ${view.handoff.reason}</h2>
                <p dir="auto">${view.handoff.summary}</p>
                ${view.handoff.intent ? html`<p><strong>Asked:</strong> <span dir="auto">${view.handoff.intent}</span></p>` : ''}
                ${
                  Object.keys(view.handoff.facts).length
                    ? html`<dl>${Object.entries(view.handoff.facts).map(([key, value]) => html`<dt>${key}</dt><dd dir="auto">${value}</dd>`)}</dl>`
                    : ''
                }
                ${view.handoff.sources.length ? html`<p><strong>Sources:</strong> ${view.handoff.sources.join(' · ')}</p>` : ''}
              </div>`
              : ''
          }
          ${conversation.humanSummary ? html`<p class="note">Last agent summary: <span dir="auto">${conversation.humanSummary}</span></p>` : ''}
          ${invoices(view, operator)}
        </section>
        <ol id="timeline" class="timeline" data-live>
          ${view.messages.map((message) => messageItem(message, operator))}
        </ol>
        <section id="actions" data-live data-version="${conversation.version}">
          ${operator ? actions(staff, view) : html`<p class="note">You can read this conversation; an Operator can take it over and reply.</p>`}
        </section>
        <p id="status" role="status" aria-live="polite"></p>
      </main>`,
    { script: '/assets/console.js' },
  );
}

function messageItem(message: Message, operator: boolean) {
  const sentBy = message.sentBy;
  return html`<li class="message ${message.direction} ${message.status === 'failed' ? 'failed' : ''}" data-wamid="${message.wamid}">
    <p class="text" dir="auto">${message.text}</p>
    <p class="meta">
      ${clock(message.atMs)} UTC
      ${sentBy ? html` · ${sentBy.kind === 'agent' ? sentBy.agentId : sentBy.kind}` : ''}
      ${message.status ? html` · <span class="tick tick-${message.status}" title="${message.status}">${ticks[message.status]} ${message.status}</span>` : ''}
    </p>
    ${
      message.failure
        ? html`<p class="failure">Not delivered: ${[...message.failure.meanings, ...message.failure.titles].join('; ') || message.failure.codes.join(', ')}</p>`
        : ''
    }
    ${
      sentBy?.kind === 'bot' && sentBy.citations?.length
        ? html`<ul class="citations">${sentBy.citations.map((citation) => html`<li title="${citation.uri}">📄 ${citation.title}</li>`)}</ul>`
        : ''
    }
    ${
      message.toolCalls?.length
        ? html`<p class="tools">Tools: ${message.toolCalls.map((call) => `${call.name}${call.ok ? '' : ' (failed)'}`).join(', ')}</p>`
        : ''
    }
    ${
      operator && sentBy?.kind === 'bot'
        ? html`<details class="flag"><summary>Flag as wrong</summary>
          <form data-action="/api/messages/${encodeURIComponent(message.wamid)}/flag">
            <input name="note" required minlength="3" maxlength="1000" placeholder="What is wrong?" dir="auto" />
            <button type="submit">Flag</button>
          </form></details>`
        : ''
    }
  </li>`;
}

function invoices(view: ConversationView, operator: boolean) {
  const waiting = view.invoices.filter((invoice) => invoice.status === 'pending-approval');
  if (waiting.length === 0) return '';
  return html`<div class="approvals"><h2>Invoices waiting for approval</h2>
    ${waiting.map(
      (invoice) => html`<div class="invoice">
        <span dir="auto">${invoice.description}</span> · ${rupees(invoice.amountPaise)} · ${invoice.id}
        ${
          operator
            ? html`<form data-action="/api/invoices/${invoice.id}/approve"><button type="submit">Approve</button></form>
              <form data-action="/api/invoices/${invoice.id}/reject">
                <input name="reason" required minlength="3" placeholder="Why not?" /><button type="submit">Reject</button>
              </form>`
            : ''
        }
      </div>`,
    )}</div>`;
}

function actions(staff: StaffMember, view: ConversationView) {
  const { conversation } = view;
  const mine = conversation.state === 'human' && conversation.owner === staff.username;
  if (!mine) {
    return html`<button id="takeover" type="button" data-action="/api/conversations/${encodeURIComponent(conversation.id)}/takeover"
      data-version="${conversation.version}">Take over (t)</button>`;
  }
  const base = `/api/conversations/${encodeURIComponent(conversation.id)}`;
  return html`${
    conversation.windowOpen
      ? html`<form id="reply-form" data-action="${base}/reply">
          <label for="reply">Reply (r)</label>
          <textarea id="reply" name="text" required maxlength="4096" rows="3" dir="auto"></textarea>
          <button type="submit">Send</button>
        </form>
        <form id="file-form" class="file" data-action="${base}/reply-file" data-multipart="true">
          <label for="file">Send a file (PDF, Office, text, image, audio, video; up to 4 MB)</label>
          <input id="file" type="file" name="file" required accept="${acceptedFiles}" />
          <input name="caption" maxlength="1024" placeholder="Caption (optional)" aria-label="Caption" dir="auto" />
          <button type="submit">Send file</button>
        </form>`
      : html`<p class="notice">The 24-hour window has closed: send an approved template instead.</p>`
  }
    ${view.templates.length ? html`<div class="templates">${view.templates.map((template) => templateForm(base, template))}</div>` : ''}
    <form id="release-form" data-action="${base}/release">
      <label for="release-summary">Summary for the bot</label>
      <input id="release-summary" name="summary" required minlength="3" maxlength="1000" dir="auto" />
      <button type="submit">Release to the bot</button>
    </form>`;
}

/** What the file picker offers: the types WhatsApp carries (the server judges each file by its content). */
const acceptedFiles = mediaTypes.flatMap((rule) => [rule.mimeType, ...rule.extensions]).join(',');

function templateForm(base: string, template: OfferedTemplate) {
  return html`<form class="template" data-action="${base}/reply" data-template="${template.name}" data-language="${template.language}">
    <h3>${template.name} <small>${template.language}</small></h3>
    <p class="body" dir="auto">${template.body}</p>
    ${template.parameters.map(
      (parameter, index) => html`<label>{{${index + 1}}} ${parameter.label}
        <input name="parameter" required value="${parameter.value}" dir="auto" /></label>`,
    )}
    <button type="submit">Send template</button>
  </form>`;
}
