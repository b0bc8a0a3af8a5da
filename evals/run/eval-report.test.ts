import { describe, expect, it } from 'vitest';
import { observationWith } from '../../test/evals-observation.ts';
import {
  type CaseReport,
  compareWithBaseline,
  type EvalReport,
  markdownReport,
  summarize,
} from './eval-report.ts';

const caseOf = (id: string, category: string, passRate: number, language = 'en'): CaseReport => ({
  id,
  dataset: 'core',
  category,
  language,
  tags: [],
  turns: ['Hello'],
  runs: [
    {
      pass: passRate === 1,
      verdicts: passRate === 1 ? [] : [{ grader: 'contains', pass: false, detail: 'must state "10:00"' }],
      durationMs: 10,
    },
  ],
  passRate,
});
const reportOf = (cases: CaseReport[]): EvalReport => ({
  schemaVersion: 1,
  runAt: '2026-12-01T00:00:00.000Z',
  model: 'offline stand-in',
  meaningful: false,
  repeat: 1,
  durationMs: 1000,
  summary: summarize(cases),
  cases,
});

describe('the eval report', () => {
  it('scores by category and by language', () => {
    const summary = summarize([
      caseOf('a', 'facts', 1),
      caseOf('b', 'facts', 0, 'hi'),
      caseOf('c', 'prices', 1, 'hi'),
    ]);
    expect(summary.overall).toMatchObject({ cases: 3, passRate: 2 / 3 });
    expect(summary.byCategory).toMatchObject({
      facts: { cases: 2, passRate: 0.5 },
      prices: { cases: 1, passRate: 1 },
    });
    expect(summary.byLanguage).toMatchObject({
      en: { cases: 1, passRate: 1 },
      hi: { cases: 2, passRate: 0.5 },
    });
  });

  it('names each regression and a category that dropped past the threshold; a case failing before is not one', () => {
    const baseline = reportOf([caseOf('a', 'facts', 1), caseOf('b', 'facts', 0), caseOf('c', 'prices', 1)]);
    const now = reportOf([
      caseOf('a', 'facts', 0),
      caseOf('b', 'facts', 0),
      caseOf('c', 'prices', 1),
      caseOf('d', 'prices', 0),
    ]);
    const comparison = compareWithBaseline(now, baseline);
    expect(comparison.regressions).toEqual([{ id: 'a', was: 1, now: 0 }]);
    expect(comparison.categoryDrops).toEqual([{ category: 'facts', was: 0.5, now: 0 }]);
    expect(comparison.newCases).toEqual(['d']);
    // The new failing case 'd' pulls prices down, but no case of it that ran before fails: not a drop.
    expect(comparison.categoryDrops.map((drop) => drop.category)).not.toContain('prices');
    const markdown = markdownReport({ ...now, comparison });
    expect(markdown).toContain('**Regressed** `a`: 100 % → 0 %');
    expect(markdown).toContain('- ✗ contains: must state "10:00"');
    expect(markdown).toContain('offline stand-in: the gate is the deterministic graders');
  });
});

describe('the HTML report', () => {
  it('puts the regressions first, escapes what the bot said, and draws the scores', async () => {
    const { htmlReport } = await import('./html-report.ts');
    const failing = caseOf('a-regressed', 'facts', 0);
    const run = failing.runs[0];
    if (run)
      run.observation = observationWith({
        replies: [{ text: '<script>alert(1)</script> We open at 10:00', buttons: [] }],
      });
    const report = reportOf([caseOf('b-fine', 'facts', 1), failing]);
    report.comparison = compareWithBaseline(
      report,
      reportOf([caseOf('a-regressed', 'facts', 1), caseOf('b-fine', 'facts', 1)]),
    );
    const page = htmlReport(report);
    expect(page).not.toContain('<script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62; We open at 10:00');
    expect(page.indexOf('a-regressed')).toBeLessThan(page.indexOf('b-fine'));
    expect(page).toContain('Regressed <code>a-regressed</code>: 100 % → 0 %');
    expect(page.match(/<svg /g)).toHaveLength(2);
  });
});
