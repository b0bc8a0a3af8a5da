import { html } from 'hono/html';
import type { PublishedReport } from '#evals/run/published-report.ts';
import { costLine } from '#evals/run/run-cost.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { topBar } from './page-parts.ts';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The latest evals report, for every signed-in role: the scores per category and language, what
 * regressed against the baseline, and each failing case with why.
 */
export function evalsPage(staff: StaffMember, report: PublishedReport | undefined) {
  if (!report)
    return page(
      'Evals',
      html`${topBar(staff)}<main class="admin"><h1>Evals</h1>
        <p class="empty" id="no-report">No evals report has been published yet: <code>npm run evals -- --publish</code>.</p></main>`,
    );
  const failing = report.cases.filter((each) => each.passRate < 1);
  const table = (title: string, scores: PublishedReport['summary']['byCategory']) => html`<table class="grid">
    <thead><tr><th>${title}</th><th>Cases</th><th>Pass</th></tr></thead>
    <tbody>${Object.entries(scores).map(([name, score]) => html`<tr><td>${name}</td><td>${score.cases}</td><td>${percent(score.passRate)}</td></tr>`)}</tbody>
  </table>`;
  return page(
    'Evals',
    html`${topBar(staff)}
      <main class="admin">
        <h1>Evals: <span id="overall">${percent(report.summary.overall.passRate)}</span> of ${report.summary.overall.cases} cases</h1>
        <p class="keys">Run ${report.runAt.replace('T', ' ').slice(0, 16)} UTC · model ${report.model} · ${(report.durationMs / 1000).toFixed(1)} s</p>
        ${report.cost ? html`<p class="keys" id="cost">${costLine(report.cost, report.meaningful)}</p>` : ''}
        ${report.meaningful ? '' : html`<p class="note">Offline run: the answers came from the Bedrock stand-in. The deterministic graders make the gate; the scores say nothing of answer quality.</p>`}
        ${
          report.comparison
            ? html`<section id="comparison"><h2>Against the baseline of ${report.comparison.baselineRunAt.replace('T', ' ').slice(0, 16)}</h2>
                ${
                  report.comparison.regressions.length + report.comparison.categoryDrops.length === 0
                    ? html`<p>No regression.</p>`
                    : html`<ul>
                        ${report.comparison.regressions.map((each) => html`<li class="error">Regressed <code>${each.id}</code>: ${percent(each.was)} → ${percent(each.now)}</li>`)}
                        ${report.comparison.categoryDrops.map((each) => html`<li class="error">Category dropped ${each.category}: ${percent(each.was)} → ${percent(each.now)}</li>`)}
                      </ul>`
                }</section>`
            : ''
        }
        <section>${table('Category', report.summary.byCategory)} ${table('Language', report.summary.byLanguage)}</section>
        <section id="failing">
          <h2>Failing cases (${failing.length})</h2>
          ${failing.map((each) => {
            const run = each.runs.find((candidate) => !candidate.pass);
            return html`<details data-case="${each.id}"><summary><code>${each.id}</code> · ${each.category} · ${each.language} · ${percent(each.passRate)}</summary>
              <p dir="auto">${each.turns.join(' → ')}</p>
              ${run?.error ? html`<p class="error">Could not run: ${run.error}</p>` : ''}
              <ul>${(run?.verdicts ?? []).filter((verdict) => !verdict.pass).map((verdict) => html`<li>${verdict.grader}: ${verdict.detail}</li>`)}</ul>
            </details>`;
          })}
        </section>
      </main>`,
  );
}
