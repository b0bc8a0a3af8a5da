/**
 * The whole offline evals suite, as `npm run evals` runs it (its own local world, 8 cases at a
 * time), timed from the outside: the wall time, and per 100 cases. Target: 100 cases in under 30 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'evals-bench-'));
const started = performance.now();
const run = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'evals', 'run', 'evals-cli.ts'),
    '--out',
    out,
    '--baseline',
    join(out, 'none.json'),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env } },
);
const wallMs = performance.now() - started;
if (run.status !== 0) {
  console.error(`the evals runner exited ${run.status}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
  durationMs: number;
  summary: { overall: { cases: number; passRate: number } };
};
const cases = report.summary.overall.cases;
const per100 = (report.durationMs / cases) * 100;
console.log(
  `evals offline suite: ${cases} cases, ${Math.round(report.summary.overall.passRate * 100)} % pass`,
);
console.log(
  `  cases ${(report.durationMs / 1000).toFixed(1)} s (${(per100 / 1000).toFixed(1)} s per 100 cases) · wall with the world's start ${(wallMs / 1000).toFixed(1)} s`,
);
console.log(`  target: 100 cases in under 30 s (${per100 < 30_000 ? 'within' : 'OVER'})`);
