import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { EvalCase } from '#evals/dataset/eval-case.ts';
import { caseReport, compareWithBaseline, type EvalReport, summarize } from '#evals/run/eval-report.ts';
import { htmlReport } from '#evals/run/html-report.ts';
import { latestReportKey, publishReport } from '#evals/run/published-report.ts';
import { bearer, callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';

// A reports prefix of this file's own.
const overrides = { WECARE_REPORTS_PREFIX: `test/${unique('reports')}/` };
const config = testConfig(overrides);
const clients = testClients(overrides);
const app = consoleApp(consoleDependencies(config, clients));
const call = callerOf(app);

const testCase = (id: string) =>
  EvalCase.parse({
    id,
    category: 'facts',
    language: 'hi',
    turns: 'दफ़्तर कब खुलता है?',
    expect: { contains: '10:00' },
  });
function reportWith(passing: boolean): EvalReport {
  const cases = [
    caseReport('core', testCase('hours-hi'), [
      {
        pass: passing,
        verdicts: [{ grader: 'contains', pass: passing, detail: 'must state "10:00"' }],
        durationMs: 5,
      },
    ]),
  ];
  return {
    schemaVersion: 1,
    runAt: new Date().toISOString(),
    model: 'offline stand-in',
    meaningful: false,
    repeat: 1,
    durationMs: 1200,
    summary: summarize(cases),
    cases,
  };
}

describe('the latest evals report in the console (every signed-in role)', () => {
  it('says when none is published, shows the published one with its regressions, refuses another schema', async () => {
    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    const pageOf = async () =>
      (await app.request('/console/evals', { headers: { ...bearer(viewer), accept: 'text/html' } })).text();
    expect(await (await call(viewer, 'GET', '/api/evals/latest')).json()).toEqual({ report: null });
    expect(await pageOf()).toContain('id="no-report"');

    const report = reportWith(false);
    report.comparison = compareWithBaseline(report, reportWith(true));
    report.cost = {
      bot: { modelCalls: 2, inputTokens: 2_400, outputTokens: 180 },
      judge: { modelCalls: 1, inputTokens: 900, outputTokens: 60 },
      pricedAs: 'amazon.nova-pro-v1:0',
      estimatedUsd: 0.003408,
    };
    await publishReport(clients.s3, config, report, htmlReport(report));
    const latest = (await (await call(viewer, 'GET', '/api/evals/latest')).json()) as { report: EvalReport };
    expect(latest.report.summary.overall).toMatchObject({ cases: 1, passRate: 0 });
    const page = await pageOf();
    expect(page).toContain('Regressed <code>hours-hi</code>: 100 % → 0 %');
    expect(page).toContain('data-case="hours-hi"');
    expect(page).toContain('contains: must state &quot;10:00&quot;');
    expect(page).toContain('Offline run');
    expect(page).toMatch(
      /id="cost">Tokens: bot 2 calls, 2,400 in \/ 180 out; judge 1 calls, 900 in \/ 60 out · estimated \$0\.0034/,
    );

    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.stream.name,
        Key: latestReportKey(config),
        Body: '{"schemaVersion": 2}',
      }),
    );
    expect((await call(viewer, 'GET', '/api/evals/latest')).status).toBe(409);
  });
});
