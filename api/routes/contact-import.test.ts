import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { testClients, testConfig } from '../../test/local-clients.ts';

const app = consoleApp(consoleDependencies(testConfig(), testClients()));
const call = callerOf(app);
const tag = Date.now().toString(36).slice(-5);
/** Distinct valid mobile numbers of this run. */
const base = 6_000_000_000 + (Date.now() % 1_000_000) * 1000;
const mobile = (index: number) => String(base + index);

type Report = {
  total: number;
  valid: number;
  errors: Array<{ line: number; problems: string[] }>;
  errorCount: number;
  written?: number;
  done?: boolean;
};

async function upload(token: string, csv: string, query: string) {
  const response = await app.request(`/api/contacts/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', accept: 'application/json' },
    body: csv,
  });
  return { status: response.status, report: (await response.json()) as Report };
}

describe('contacts from a CSV', () => {
  it('checks every row, then imports the valid ones in steps (a progress bar’s worth each), once', {
    timeout: 60_000,
  }, async () => {
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const rows = Array.from(
      { length: 2000 },
      (_, index) => `Import ${tag} ${index},+91 ${mobile(index)},,,,no`,
    );
    rows[10] = `Bad ${tag},12345,,,,no`;
    rows[20] = `Twice ${tag},+91 ${mobile(5)},,,,no`;
    const csv = ['name,phone,email,language,notes,opt_out_sms', ...rows].join('\n');

    const checked = await upload(operator, csv, 'mode=check');
    expect(checked.status).toBe(200);
    expect(checked.report).toMatchObject({ total: 2000, valid: 1998, errorCount: 2 });
    expect(checked.report.errors.map((error) => error.line)).toEqual([12, 22]);

    // All or nothing: two rows are wrong, so nothing is written.
    const refused = await upload(operator, csv, `mode=all&id=all-or-none-${tag}`);
    expect(refused.status).toBe(409);
    const missing = (await (await call(operator, 'GET', `/api/contacts?q=0${mobile(0)}`)).json()) as {
      items: unknown[];
    };
    expect(missing.items).toEqual([]);

    let written = 0;
    let from = 0;
    for (;;) {
      const step = await upload(operator, csv, `mode=valid&from=${from}&count=1000&id=import-${tag}`);
      expect(step.status).toBe(200);
      written += step.report.written ?? 0;
      from += 1000;
      if (step.report.done) break;
    }
    expect(written).toBe(1998);
    // The same step again (a retry) creates nothing new and reports nothing as taken.
    const retried = await upload(operator, csv, `mode=valid&from=0&count=1000&id=import-${tag}`);
    expect(retried.report.errorCount).toBe(0);
    // Another import of the same file finds every number taken.
    const again = await upload(operator, csv, 'mode=check');
    expect(again.report.valid).toBe(0);

    const found = (await (await call(operator, 'GET', `/api/contacts?q=0${mobile(1999)}`)).json()) as {
      items: Array<{ name: string }>;
    };
    expect(found.items.map((item) => item.name)).toEqual([`Import ${tag} 1999`]);
    const exported = await (await call(operator, 'GET', '/api/contacts/export')).text();
    expect(exported.split('\n')[0]).toBe(
      'name,phone,email,language,notes,opt_out_whatsapp,opt_out_sms,opt_out_email',
    );
    expect(exported).toContain(`Import ${tag} 1999,+91${mobile(1999)},,,,no,no,no`);
  });

  it('is an Operator’s, and refuses what is no CSV of contacts', async () => {
    const viewer = (await tokensOf(staffUsers.viewer)).access_token;
    expect((await upload(viewer, 'name,phone\nA,9830012345\n', 'mode=check')).status).toBe(403);
    expect((await call(viewer, 'GET', '/api/contacts/export')).status).toBe(403);
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    const noPhone = await upload(operator, 'name,email\nA,a@b.co\n', 'mode=check');
    expect(noPhone.report.errors).toEqual([{ line: 1, problems: ['missing column(s): phone'] }]);
    expect((await upload(operator, 'name,phone\n', 'mode=nope')).status).toBe(400);
  });
});
