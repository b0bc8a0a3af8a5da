import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { EvalCase } from './eval-case.ts';

export interface DatasetProblem {
  file: string;
  line: number;
  /** Where in the case (`cases[3].expect.tools`), as zod names it. */
  path: string;
  message: string;
}

/** A dataset that does not load: every problem, each with its file and line. */
export class DatasetError extends Error {
  constructor(readonly problems: readonly DatasetProblem[]) {
    super(
      problems
        .map((problem) => `${problem.file}:${problem.line}: ${problem.path}: ${problem.message}`)
        .join('\n'),
    );
  }
}

export interface Dataset {
  name: string;
  cases: EvalCase[];
}

const Cases = z.array(EvalCase).min(1);

/**
 * A dataset file: YAML (a list of cases) or JSONL (a case per line), checked against the case
 * schema with every problem named by its line, and no two cases with one id.
 */
export function parseDataset(text: string, file: string): EvalCase[] {
  const jsonLines = extname(file) === '.jsonl';
  const problems: DatasetProblem[] = [];
  const entries: Array<{ value: unknown; lineOf: (path: PropertyKey[]) => number }> = [];
  if (jsonLines) {
    text.split('\n').forEach((raw, index) => {
      if (!raw.trim()) return;
      try {
        entries.push({ value: JSON.parse(raw) as unknown, lineOf: () => index + 1 });
      } catch (error) {
        problems.push({
          file,
          line: index + 1,
          path: '(line)',
          message: `not JSON: ${(error as Error).message}`,
        });
      }
    });
  } else {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false });
    for (const error of document.errors)
      problems.push({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        path: '(yaml)',
        message: error.message,
      });
    // Broken YAML is reported alone: what it parsed to is not what the author wrote.
    if (problems.length > 0) throw new DatasetError(problems);
    const value = document.toJS() as unknown;
    const list = Array.isArray(value) ? value : [];
    if (!Array.isArray(value))
      problems.push({ file, line: 1, path: '(file)', message: 'a dataset is a list of cases' });
    for (const [index, item] of list.entries())
      entries.push({
        value: item,
        lineOf: (path) => {
          // The deepest node that exists on the path: a missing field is reported at its case.
          for (let depth = path.length; depth >= 0; depth -= 1) {
            const node = document.getIn([index, ...path.slice(0, depth)], true);
            if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
          }
          return 1;
        },
      });
  }
  const cases: EvalCase[] = [];
  const seen = new Map<string, number>();
  entries.forEach(({ value, lineOf }, index) => {
    // Repeated ids are found among all cases, valid or not: fixing one problem never reveals another.
    const id = (value as { id?: unknown } | null)?.id;
    const earlier = typeof id === 'string' ? seen.get(id) : undefined;
    if (earlier !== undefined)
      problems.push({
        file,
        line: lineOf(['id']),
        path: `cases[${index}].id`,
        message: `repeats the id of the case on line ${earlier}`,
      });
    if (typeof id === 'string' && earlier === undefined) seen.set(id, lineOf(['id']));
    const parsed = EvalCase.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          line: lineOf(issue.path),
          path: [`cases[${index}]`, ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
      return;
    }
    cases.push(parsed.data);
  });
  if (problems.length === 0 && !Cases.safeParse(cases).success)
    problems.push({ file, line: 1, path: '(file)', message: 'a dataset holds at least one case' });
  if (problems.length > 0) throw new DatasetError(problems);
  return cases;
}

/** The datasets under `directory` (`*.yaml`, `*.yml`, `*.jsonl`), or the one named. */
export async function loadDatasets(directory: string, name?: string): Promise<Dataset[]> {
  const files = (await readdir(directory)).filter((file) => /\.(ya?ml|jsonl)$/.test(file)).sort();
  const chosen = name ? files.filter((file) => basename(file, extname(file)) === name) : files;
  if (name && chosen.length === 0)
    throw new DatasetError([
      { file: directory, line: 0, path: '(dataset)', message: `there is no dataset ${name}` },
    ]);
  const datasets: Dataset[] = [];
  const problems: DatasetProblem[] = [];
  for (const file of chosen) {
    try {
      datasets.push({
        name: basename(file, extname(file)),
        cases: parseDataset(await readFile(join(directory, file), 'utf8'), join(directory, file)),
      });
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return datasets;
}
