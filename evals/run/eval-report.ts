import type { EvalCase } from '../dataset/eval-case.ts';
import type { JudgeVerdict } from '../graders/model-judge.ts';
import type { Observation, Verdict } from '../graders/observation.ts';
import type { RetrievalMetrics } from '../graders/retrieval-metrics.ts';
import { costLine, type RunCost } from './run-cost.ts';

/** The report's schema version: a reader checks it before reading the rest. */
export const reportSchemaVersion = 1;

export interface CaseRun {
  pass: boolean;
  verdicts: Verdict[];
  /** Did the passages the bot was given hold the facts (reported, not gated). */
  retrieval?: RetrievalMetrics;
  /** The model-graded rubric's scores and reasons (reported, not gated; meaningless offline). */
  judge?: JudgeVerdict;
  observation?: Observation;
  /** The case could not run (the bot never finished, the platform failed): a failure of its own kind. */
  error?: string;
  durationMs: number;
}

export interface CaseReport {
  id: string;
  dataset: string;
  category: string;
  language: string;
  tags: string[];
  turns: string[];
  runs: CaseRun[];
  /** Share of runs that passed (0–1): 1 or 0 for one run, a rate with `--repeat`. */
  passRate: number;
}

export interface Score {
  cases: number;
  passRate: number;
  /** Mean context recall and precision over the runs that could be judged (null: none could). */
  contextRecall?: number | null;
  contextPrecision?: number | null;
  /** Mean rubric scores (1–5) over the runs the judge scored. */
  groundedness?: number | null;
  helpfulness?: number | null;
  tone?: number | null;
}

export interface EvalReport {
  schemaVersion: typeof reportSchemaVersion;
  runAt: string;
  model: string;
  /** Whether the answers came from a real model: the offline stand-in's are not a measure of quality. */
  meaningful: boolean;
  repeat: number;
  durationMs: number;
  summary: { overall: Score; byCategory: Record<string, Score>; byLanguage: Record<string, Score> };
  cases: CaseReport[];
  comparison?: BaselineComparison;
  /** Tokens the run spent (the bot's and the judge's) and their estimated Bedrock cost. */
  cost?: RunCost;
}

export interface BaselineComparison {
  baselineRunAt: string;
  /** Cases whose pass rate fell, worst first. */
  regressions: Array<{ id: string; was: number; now: number }>;
  improvements: Array<{ id: string; was: number; now: number }>;
  /** Categories whose pass rate fell by more than the threshold. */
  categoryDrops: Array<{ category: string; was: number; now: number }>;
  newCases: string[];
}

export function caseReport(dataset: string, testCase: EvalCase, runs: CaseRun[]): CaseReport {
  return {
    id: testCase.id,
    dataset,
    category: testCase.category,
    language: testCase.language,
    tags: testCase.tags,
    turns: testCase.turns,
    runs,
    passRate: runs.filter((run) => run.pass).length / Math.max(1, runs.length),
  };
}

function mean(values: ReadonlyArray<number | null | undefined>): number | null {
  const known = values.filter((value): value is number => typeof value === 'number');
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}

function score(cases: readonly CaseReport[]): Score {
  const runs = cases.flatMap((each) => each.runs);
  return {
    cases: cases.length,
    passRate: cases.length === 0 ? 0 : cases.reduce((sum, each) => sum + each.passRate, 0) / cases.length,
    contextRecall: mean(runs.map((run) => run.retrieval?.contextRecall)),
    contextPrecision: mean(runs.map((run) => run.retrieval?.contextPrecision)),
    groundedness: mean(
      runs.map((run) => (run.judge && 'scores' in run.judge ? run.judge.scores.groundedness : null)),
    ),
    helpfulness: mean(
      runs.map((run) => (run.judge && 'scores' in run.judge ? run.judge.scores.helpfulness : null)),
    ),
    tone: mean(runs.map((run) => (run.judge && 'scores' in run.judge ? run.judge.scores.tone : null))),
  };
}

function groupScores(cases: readonly CaseReport[], key: (each: CaseReport) => string): Record<string, Score> {
  const groups = new Map<string, CaseReport[]>();
  for (const each of cases) groups.set(key(each), [...(groups.get(key(each)) ?? []), each]);
  return Object.fromEntries(
    [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, members]) => [name, score(members)]),
  );
}

export function summarize(cases: readonly CaseReport[]): EvalReport['summary'] {
  return {
    overall: score(cases),
    byCategory: groupScores(cases, (each) => each.category),
    byLanguage: groupScores(cases, (each) => each.language),
  };
}

/**
 * Against a baseline: every case whose pass rate fell is a regression, and so is a category that
 * fell by more than `categoryThreshold` (a share, 0.05 = five points).
 */
export function compareWithBaseline(
  report: Pick<EvalReport, 'cases'>,
  baseline: EvalReport,
  categoryThreshold = 0.05,
): BaselineComparison {
  const before = new Map(baseline.cases.map((each) => [each.id, each.passRate]));
  const common = new Set(report.cases.filter((each) => before.has(each.id)).map((each) => each.id));
  const changes = report.cases
    .filter((each) => before.has(each.id))
    .map((each) => ({ id: each.id, was: before.get(each.id) ?? 0, now: each.passRate }));
  return {
    baselineRunAt: baseline.runAt,
    regressions: changes
      .filter((change) => change.now < change.was)
      .sort((a, b) => a.now - a.was - (b.now - b.was)),
    improvements: changes.filter((change) => change.now > change.was),
    // Over the cases both runs have: a new case that fails is named as new, not as a drop.
    categoryDrops: Object.entries(summarize(report.cases.filter((each) => before.has(each.id))).byCategory)
      .map(([category, now]) => ({
        category,
        was: summarize(baseline.cases.filter((each) => each.category === category && common.has(each.id)))
          .overall.passRate,
        now: now.passRate,
      }))
      .filter((drop) => drop.was - drop.now > categoryThreshold),
    newCases: report.cases.filter((each) => !before.has(each.id)).map((each) => each.id),
  };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;
const score1to5 = (value: number | null | undefined) => (typeof value === 'number' ? value.toFixed(1) : '–');
const optionalPercent = (share: number | null | undefined) =>
  typeof share === 'number' ? percent(share) : '–';

/** The Markdown summary: scores, then the regressions, then every failing case with why. */
export function markdownReport(report: EvalReport): string {
  const lines = [
    `# Evals: ${percent(report.summary.overall.passRate)} of ${report.summary.overall.cases} cases`,
    '',
    `Judge (1–5)${report.meaningful ? '' : ', not meaningful offline'}: groundedness ${score1to5(report.summary.overall.groundedness)}, helpfulness ${score1to5(report.summary.overall.helpfulness)}, tone ${score1to5(report.summary.overall.tone)}`,
    '',
    `Run ${report.runAt} · model ${report.model}${report.meaningful ? '' : ' (offline stand-in: the gate is the deterministic graders; the scores say nothing of answer quality)'} · ${report.repeat} run(s) per case · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    ...(report.cost ? [costLine(report.cost, report.meaningful), ''] : []),
    '| Category | Cases | Pass | Context recall | Context precision |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(report.summary.byCategory).map(
      ([name, each]) =>
        `| ${name} | ${each.cases} | ${percent(each.passRate)} | ${optionalPercent(each.contextRecall)} | ${optionalPercent(each.contextPrecision)} |`,
    ),
    '',
    '| Language | Cases | Pass |',
    '| --- | ---: | ---: |',
    ...Object.entries(report.summary.byLanguage).map(
      ([name, each]) => `| ${name} | ${each.cases} | ${percent(each.passRate)} |`,
    ),
    '',
  ];
  const comparison = report.comparison;
  if (comparison) {
    lines.push(`## Against the baseline of ${comparison.baselineRunAt}`, '');
    if (comparison.regressions.length === 0 && comparison.categoryDrops.length === 0)
      lines.push('No regression.', '');
    for (const each of comparison.regressions)
      lines.push(`- **Regressed** \`${each.id}\`: ${percent(each.was)} → ${percent(each.now)}`);
    for (const each of comparison.categoryDrops)
      lines.push(`- **Category dropped** ${each.category}: ${percent(each.was)} → ${percent(each.now)}`);
    for (const each of comparison.improvements)
      lines.push(`- Improved \`${each.id}\`: ${percent(each.was)} → ${percent(each.now)}`);
    if (comparison.newCases.length)
      lines.push(`- New cases: ${comparison.newCases.map((id) => `\`${id}\``).join(', ')}`);
    lines.push('');
  }
  const failing = report.cases.filter((each) => each.passRate < 1);
  lines.push(`## Failing cases (${failing.length})`, '');
  for (const each of failing) {
    const run = each.runs.find((candidate) => !candidate.pass);
    lines.push(`### \`${each.id}\` (${each.category}, ${each.language}) ${percent(each.passRate)}`, '');
    lines.push(`Customer: ${each.turns.map((turn) => `"${turn}"`).join(' → ')}`, '');
    if (run?.error) lines.push(`Could not run: ${run.error}`, '');
    for (const verdict of run?.verdicts.filter((candidate) => !candidate.pass) ?? [])
      lines.push(`- ✗ ${verdict.grader}: ${verdict.detail}`);
    if (run?.judge)
      lines.push(
        'scores' in run.judge
          ? `- judge${report.meaningful ? '' : ' (not meaningful offline)'}: groundedness ${run.judge.scores.groundedness}, helpfulness ${run.judge.scores.helpfulness}, tone ${run.judge.scores.tone}: ${run.judge.scores.reasons}`
          : `- judge: ${run.judge.error}`,
      );
    if (run?.retrieval)
      lines.push(
        `- retrieval: context recall ${optionalPercent(run.retrieval.contextRecall)}, precision ${optionalPercent(run.retrieval.contextPrecision)}`,
      );
    if (run?.observation)
      lines.push('', ...run.observation.replies.map((reply) => `> ${reply.text.replace(/\n/g, ' ')}`));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
