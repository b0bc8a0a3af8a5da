import type { CaseReport, EvalReport, Score } from './eval-report.ts';
import { costLine } from './run-cost.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const percent = (share: number | null | undefined) =>
  typeof share === 'number' ? `${Math.round(share * 100)} %` : '–';

/** Horizontal bars of pass rates (inline SVG: the file opens anywhere, offline). */
function scoreChart(title: string, scores: Record<string, Score>): string {
  const entries = Object.entries(scores);
  const row = 24;
  const bars = entries
    .map(([name, score], index) => {
      const width = Math.round(score.passRate * 400);
      return `<text x="0" y="${index * row + 16}">${escapeHtml(name)} (${score.cases})</text>
<rect x="160" y="${index * row + 4}" width="400" height="16" fill="#edf2f7"/>
<rect x="160" y="${index * row + 4}" width="${width}" height="16" fill="${score.passRate >= 0.9 ? '#38a169' : score.passRate >= 0.6 ? '#d69e2e' : '#c53030'}"/>
<text x="570" y="${index * row + 16}">${percent(score.passRate)}</text>`;
    })
    .join('\n');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg viewBox="0 0 640 ${entries.length * row + 8}" width="640" role="img" aria-label="${escapeHtml(title)}">${bars}</svg></figure>`;
}

function caseSection(each: CaseReport, regressed: boolean, meaningful: boolean): string {
  const run = each.runs.find((candidate) => !candidate.pass) ?? each.runs[0];
  const observation = run?.observation;
  const verdicts = (run?.verdicts ?? [])
    .map(
      (verdict) =>
        `<li class="${verdict.pass ? 'pass' : 'fail'}">${verdict.pass ? '✓' : '✗'} ${escapeHtml(verdict.grader)}: ${escapeHtml(verdict.detail)}</li>`,
    )
    .join('');
  const replies = (observation?.replies ?? [])
    .map((reply) => `<blockquote>${escapeHtml(reply.text)}</blockquote>`)
    .join('');
  const retrieved = (observation?.retrieved ?? [])
    .map(
      (passage) =>
        `<li><b>${escapeHtml(passage.citation)}</b> (${passage.score.toFixed(2)}): ${escapeHtml(passage.text.slice(0, 300))}</li>`,
    )
    .join('');
  return `<details class="case ${each.passRate < 1 ? 'failing' : 'passing'}" ${each.passRate < 1 ? 'open' : ''}>
<summary>${regressed ? '<b class="regressed">REGRESSED</b> ' : ''}<code>${escapeHtml(each.id)}</code> · ${escapeHtml(each.category)} · ${escapeHtml(each.language)} · ${percent(each.passRate)}</summary>
<p>Customer: ${each.turns.map((turn) => `“${escapeHtml(turn)}”`).join(' → ')}</p>
${run?.error ? `<p class="fail">Could not run: ${escapeHtml(run.error)}</p>` : ''}
<ul>${verdicts}</ul>
${replies}
<p>Citations: ${escapeHtml(observation?.citations.join(', ') || 'none')} · Tools: ${escapeHtml(observation?.toolCalls.map((call) => `${call.name}(${JSON.stringify(call.input ?? {})})${call.ok ? '' : ' failed'}`).join(', ') || 'none')} · Ends with: ${escapeHtml(observation?.state ?? '?')}${observation?.handoffReason ? ` (${escapeHtml(observation.handoffReason)})` : ''}</p>
<p>Retrieval: context recall ${percent(run?.retrieval?.contextRecall)}, precision ${percent(run?.retrieval?.contextPrecision)}</p>
${run?.judge ? `<p>Judge${meaningful ? '' : ' (not meaningful offline)'}: ${'scores' in run.judge ? `groundedness ${run.judge.scores.groundedness}, helpfulness ${run.judge.scores.helpfulness}, tone ${run.judge.scores.tone}: ${escapeHtml(run.judge.scores.reasons)}` : escapeHtml(run.judge.error)}</p>` : ''}
${retrieved ? `<details><summary>Retrieved passages</summary><ol>${retrieved}</ol></details>` : ''}
</details>`;
}

/** The HTML report: scores per category and language as charts, the diff with the baseline, every case. */
export function htmlReport(report: EvalReport): string {
  const regressed = new Set(report.comparison?.regressions.map((each) => each.id) ?? []);
  const ordered = [...report.cases].sort(
    (a, b) =>
      Number(regressed.has(b.id)) - Number(regressed.has(a.id)) ||
      a.passRate - b.passRate ||
      a.id.localeCompare(b.id),
  );
  const comparison = report.comparison;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evals · ${percent(report.summary.overall.passRate)}</title>
<style>
body{font-family:system-ui,"Noto Sans","Noto Sans Devanagari","Noto Sans Bengali",sans-serif;margin:2rem;max-width:1000px;color:#1a202c}
svg text{font-size:12px;fill:#2d3748} figure{margin:1rem 0} figcaption{font-weight:600;margin-bottom:.25rem}
.fail{color:#c53030}.pass{color:#2f855a}.regressed{color:#c53030}
details.case{border:1px solid #e2e8f0;border-radius:6px;padding:.5rem 1rem;margin:.5rem 0}
details.failing{border-color:#feb2b2} blockquote{background:#f7fafc;margin:.5rem 0;padding:.5rem;white-space:pre-wrap}
.note{background:#fffaf0;border:1px solid #fbd38d;padding:.5rem 1rem}
</style></head><body>
<h1>Evals: ${percent(report.summary.overall.passRate)} of ${report.summary.overall.cases} cases</h1>
<p>Run ${escapeHtml(report.runAt)} · model ${escapeHtml(report.model)} · ${report.repeat} run(s) per case · ${(report.durationMs / 1000).toFixed(1)} s · context recall ${percent(report.summary.overall.contextRecall)}, precision ${percent(report.summary.overall.contextPrecision)}</p>
${report.cost ? `<p>${escapeHtml(costLine(report.cost, report.meaningful))}</p>` : ''}
${report.meaningful ? '' : '<p class="note">Offline: the answers come from the Bedrock stand-in. The deterministic graders make the gate; the scores say nothing of answer quality.</p>'}
${
  comparison
    ? `<h2>Against the baseline of ${escapeHtml(comparison.baselineRunAt)}</h2>
<ul>${comparison.regressions.map((each) => `<li class="fail">Regressed <code>${escapeHtml(each.id)}</code>: ${percent(each.was)} → ${percent(each.now)}</li>`).join('')}
${comparison.categoryDrops.map((each) => `<li class="fail">Category dropped ${escapeHtml(each.category)}: ${percent(each.was)} → ${percent(each.now)}</li>`).join('')}
${comparison.improvements.map((each) => `<li class="pass">Improved <code>${escapeHtml(each.id)}</code>: ${percent(each.was)} → ${percent(each.now)}</li>`).join('')}
${comparison.regressions.length + comparison.categoryDrops.length === 0 ? '<li class="pass">No regression.</li>' : ''}</ul>`
    : '<p>No baseline to compare with.</p>'
}
${scoreChart('Pass rate by category', report.summary.byCategory)}
${scoreChart('Pass rate by language', report.summary.byLanguage)}
<h2>Cases</h2>
${ordered.map((each) => caseSection(each, regressed.has(each.id), report.meaningful)).join('\n')}
</body></html>
`;
}
