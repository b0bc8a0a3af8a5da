import { html } from 'hono/html';
import type { AwaitingApproval } from '#agent/console/approvals.ts';
import type { InboxPage } from '#agent/console/inbox.ts';
import type { InboxItem } from '#agent/console/inbox-item.ts';
import type { ConversationState } from '#core/stores/conversation.ts';
import { rupees } from '#kb/catalog/price-breakdown.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { clock, named, stateLabels, topBar, windowBadge } from './page-parts.ts';

export interface InboxFilter {
  state?: ConversationState | undefined;
  q?: string | undefined;
}

/**
 * The inbox: the invoices waiting for approval on top, then one line per conversation; j/k to
 * move, Enter to open; live through /api/events.
 */
export function inboxPage(
  staff: StaffMember,
  { inbox, approvals }: { inbox: InboxPage; approvals: AwaitingApproval[] },
  filter: InboxFilter,
  nowMs: number,
) {
  const more = new URLSearchParams({
    ...(filter.state ? { state: filter.state } : {}),
    ...(filter.q ? { q: filter.q } : {}),
    ...(inbox.nextCursor ? { cursor: inbox.nextCursor } : {}),
  });
  return page(
    'Inbox',
    html`${topBar(staff)}
      <main class="inbox" data-page="inbox" data-since="${nowMs}">
        <form class="search" method="get" action="/console/inbox" role="search">
          <input id="search" type="search" name="q" value="${filter.q ?? ''}" placeholder="Name or number" aria-label="Search by name or number" dir="auto" />
          <select name="state" aria-label="State">
            <option value="">All</option>
            ${Object.entries(stateLabels).map(
              ([value, label]) =>
                html`<option value="${value}" ${filter.state === value ? 'selected' : ''}>${label}</option>`,
            )}
          </select>
          <button type="submit">Search</button>
        </form>
        <p class="keys">j / k move · Enter opens · / searches</p>
        <section id="approvals" class="approval-queue" aria-label="Invoices waiting for approval">
          ${
            approvals.length === 0
              ? ''
              : html`<h2>Waiting for approval (${approvals.length})</h2>
            <ul>${approvals.map((approval) => approvalRow(approval, nowMs))}</ul>`
          }
        </section>
        <ol id="inbox-list" class="inbox-list">
          ${inbox.items.length === 0 ? html`<li class="empty">No conversations.</li>` : inbox.items.map((item) => inboxRow(item, nowMs))}
        </ol>
        ${inbox.nextCursor ? html`<a class="more" rel="next" href="/console/inbox?${more.toString()}">More</a>` : ''}
      </main>`,
    { script: '/assets/console.js' },
  );
}

function approvalRow(approval: AwaitingApproval, nowMs: number) {
  return html`<li data-invoice="${approval.invoiceId}">
    <a class="waiting" href="/console/conversations/${encodeURIComponent(approval.conversationId)}">
      <span class="who">${named(approval.customerName ?? `+${approval.customerWaId}`, 'name')}</span>
      <span>${approval.description}</span>
      <strong>${rupees(approval.amountPaise)}</strong>
      <span class="meta">waiting ${Math.max(1, Math.round((nowMs - approval.waitingSinceMs) / 60_000))} min</span>
    </a>
  </li>`;
}

function inboxRow(item: InboxItem, nowMs: number) {
  return html`<li class="row state-${item.state}" data-id="${item.id}">
    <a href="/console/conversations/${encodeURIComponent(item.id)}">
      <span class="who">${named(item.customerName ?? `+${item.customerWaId}`, 'name')}
        <span class="number">+${item.customerWaId}</span></span>
      <span class="badge">${stateLabels[item.state]}</span>
      <span class="owner">${item.owner ? `with ${item.owner}` : ''}</span>
      <span class="last" dir="auto">${item.lastMessage ? `${item.lastMessage.role === 'customer' ? '' : 'You: '}${item.lastMessage.text}` : ''}</span>
      <span class="meta">to ${item.businessNumber} · ${clock(item.lastActivityAtMs)} UTC · ${windowBadge(item.windowClosesAtMs, nowMs)}</span>
      ${item.handoffReason ? html`<span class="reason">Handed over: ${item.handoffReason}</span>` : ''}
    </a>
  </li>`;
}
