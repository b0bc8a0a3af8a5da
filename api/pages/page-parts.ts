import { html } from 'hono/html';
import type { StaffMember } from '../auth/roles.ts';

/**
 * The language of a name by its script, for the `lang` attribute (the right font and shaping for
 * Hindi and Bengali names); undefined for Latin names, which inherit the page's `en`.
 */
export function languageOf(text: string | null | undefined): 'hi' | 'bn' | undefined {
  if (!text) return undefined;
  if (/\p{Script=Devanagari}/u.test(text)) return 'hi';
  if (/\p{Script=Bengali}/u.test(text)) return 'bn';
  return undefined;
}

/** A name (or anything a person wrote), marked with its language and written in its own direction. */
export function named(text: string, className = '') {
  const lang = languageOf(text);
  return html`<span class="${className}" dir="auto" ${lang ? html`lang="${lang}"` : ''}>${text}</span>`;
}

export const stateLabels = {
  waiting_for_human: 'Waiting for a person',
  human: 'With a person',
  bot: 'Bot',
} as const;

/** The bar at the top of every signed-in page: brand, inbox, who is signed in, sign out. */
export function topBar(staff: StaffMember) {
  return html`<header class="bar">
    <a class="brand-small" href="/console/inbox">WECARE<span>.DIGITAL</span></a>
    <nav>
      <a href="/console/inbox">Inbox</a>
      <a href="/console/dashboard">Dashboard</a>
      <a href="/console/contacts">Contacts</a>
      <a href="/console/templates">Templates</a>
      <a href="/console/audit">Audit</a>
      <a href="/console/evals">Evals</a>
      ${staff.role === 'Admin' ? html`<a href="/console/knowledge-base">Knowledge Base</a> <a href="/console/dead-letters">Dead letters</a> <a href="/console/users">Users</a>` : ''}
    </nav>
    <span class="who">${staff.username} · ${staff.role}</span>
    <a class="logout" href="/logout">Sign out</a>
  </header>`;
}

/** Time left in the 24-hour window; the console's script keeps it counting down. */
export function windowBadge(closesAtMs: number | null, nowMs: number) {
  if (closesAtMs === null) return html`<span class="window closed">No window: templates only</span>`;
  return html`<span class="window ${closesAtMs > nowMs ? '' : 'closed'}" data-closes-at="${closesAtMs}"
    >${windowText(closesAtMs - nowMs)}</span
  >`;
}

export function windowText(leftMs: number): string {
  if (leftMs <= 0) return 'Window closed: templates only';
  const minutes = Math.floor(leftMs / 60_000);
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m left in the window`;
}

export function clock(atMs: number): string {
  return new Date(atMs).toISOString().replace('T', ' ').slice(0, 16);
}
