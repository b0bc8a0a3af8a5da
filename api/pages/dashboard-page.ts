import { html } from 'hono/html';
import { whatsAppErrorMeaning } from '#channels/whatsapp/whatsapp-error-codes.ts';
import type { DashboardView } from '#core/stats/dashboard-view.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { topBar } from './page-parts.ts';
import { groupedBarChart, rankingChart } from './svg-charts.ts';

/** The request_human tool's reasons, as people read them. */
const reasonLabels: Record<string, string> = {
  'out-of-kb': 'Not in the Knowledge Base',
  'customer-asked': 'Customer asked for a person',
  policy: 'Needs a person by policy',
  'tool-error': 'A tool failed',
};

function waitText(view: DashboardView['humanReply']): string {
  if (view.replies === 0) return 'No handoff answered yet';
  if (view.medianOverADay) return 'over a day';
  const seconds = view.medianWithinSeconds ?? 0;
  return seconds < 3600 ? `within ${seconds / 60} min` : `within ${seconds / 3600} h`;
}

function errorLabel(code: string): string {
  const number = Number(code);
  return Number.isInteger(number) ? `${code} · ${whatsAppErrorMeaning(number).meaning}` : code;
}

/**
 * The dashboard, for everyone signed in: messages per channel and day, the bot's replies against
 * people's and the handoffs, why the bot handed over (the Knowledge Base's gaps), how long
 * customers waited for a person, and WhatsApp failures by error code.
 */
export function dashboardPage(staff: StaffMember, view: DashboardView, dayCount: number) {
  const labels = view.days.map((day) => day.day);
  const column = (key: keyof DashboardView['days'][number]) => view.days.map((day) => Number(day[key]));
  const replies = view.totals.botReplies + view.totals.peopleReplies;
  const botShare = replies === 0 ? 0 : Math.round((view.totals.botReplies / replies) * 100);
  return page(
    'Dashboard',
    html`${topBar(staff)}
      <main class="admin dashboard">
        <h1>Dashboard</h1>
        <nav class="periods" aria-label="Period">
          ${[7, 14, 30, 90].map(
            (days) =>
              html`<a class="period" href="/console/dashboard?days=${days}" ${days === dayCount ? html`aria-current="page"` : ''}>${days} days</a>`,
          )}
        </nav>
        <section class="tiles" aria-label="Totals">
          <div class="tile"><span class="figure" data-total="whatsAppIn">${view.totals.whatsAppIn}</span> WhatsApp messages in</div>
          <div class="tile"><span class="figure" data-total="whatsAppOut">${view.totals.whatsAppOut}</span> WhatsApp out · ${view.totals.smsOut} SMS · ${view.totals.emailOut} email</div>
          <div class="tile"><span class="figure" data-total="botShare">${botShare} %</span> of replies by the bot (${view.totals.botReplies} bot, ${view.totals.peopleReplies} people)</div>
          <div class="tile"><span class="figure" data-total="handoffs">${view.totals.handoffs}</span> handed over to a person</div>
          <div class="tile"><span class="figure" data-total="medianWait">${waitText(view.humanReply)}</span> median time to a person's reply (${view.humanReply.replies} handoffs answered)</div>
          <div class="tile"><span class="figure" data-total="failed">${view.totals.failed}</span> WhatsApp messages failed</div>
        </section>
        <section>
          <h2>Messages per day</h2>
          ${groupedBarChart('Messages per day', labels, [
            { name: 'WhatsApp in', className: 'series-1', values: column('whatsAppIn') },
            { name: 'WhatsApp out', className: 'series-2', values: column('whatsAppOut') },
            { name: 'SMS', className: 'series-3', values: column('smsOut') },
            { name: 'Email', className: 'series-4', values: column('emailOut') },
          ])}
        </section>
        <section>
          <h2>The bot and people</h2>
          ${groupedBarChart('Replies and handoffs per day', labels, [
            { name: 'Bot replies', className: 'series-2', values: column('botReplies') },
            { name: 'People’s replies', className: 'series-1', values: column('peopleReplies') },
            { name: 'Handoffs', className: 'series-4', values: column('handoffs') },
          ])}
        </section>
        <section>
          <h2>Why the bot handed over</h2>
          <p class="keys">"Not in the Knowledge Base" is what the documents could not answer: the next documents to write.</p>
          ${rankingChart(
            'Handoff reasons',
            view.handoffReasons
              .slice(0, 10)
              .map((item) => ({ label: reasonLabels[item.reason] ?? item.reason, count: item.count })),
          )}
        </section>
        <section>
          <h2>WhatsApp failures by error code</h2>
          ${rankingChart(
            'Failures by error code',
            view.failuresByCode
              .slice(0, 10)
              .map((item) => ({ label: errorLabel(item.code), count: item.count })),
          )}
        </section>
        <section>
          <h2>Day by day</h2>
          <table class="grid" id="days">
            <thead><tr><th>Day</th><th>WhatsApp in</th><th>WhatsApp out</th><th>SMS</th><th>Email</th><th>Bot replies</th><th>People’s replies</th><th>Handoffs</th></tr></thead>
            <tbody>
              ${[...view.days].reverse().map(
                (day) => html`<tr data-day="${day.day}">
                  <td>${day.day}</td><td>${day.whatsAppIn}</td><td>${day.whatsAppOut}</td><td>${day.smsOut}</td><td>${day.emailOut}</td>
                  <td>${day.botReplies}</td><td>${day.peopleReplies}</td><td>${day.handoffs}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </section>
      </main>`,
  );
}
