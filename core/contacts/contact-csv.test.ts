import { describe, expect, it } from 'vitest';
import { parseContactsCsv } from './contact-csv.ts';

describe('a contacts CSV', () => {
  it('reads every row with the form’s rules, and names each problem with its line', () => {
    const csv = [
      '\uFEFFName,Phone,Email,Language,Notes,opt_out_sms',
      'Asha Rao,+91 98765 43210,asha@example.com,en,"Prefers calls, not SMS",yes',
      'প্রিয়া বসু,09830012345,,bn,,no',
      'Bad Number,12345,,,,',
      'Bad Email,9830012399,not-an-email,,,',
      'Asha Again,919876543210,,,,',
      '"Multi',
      'line",9830012400,asha@EXAMPLE.com,,,',
      'Wrong flag,9830012401,,,,maybe',
    ].join('\r\n');
    const { rows, errors } = parseContactsCsv(csv);
    expect(rows.map((row) => [row.line, row.fields.phone])).toEqual([
      [2, '919876543210'],
      [3, '919830012345'],
    ]);
    expect(rows[0]?.fields).toMatchObject({
      notes: 'Prefers calls, not SMS',
      optOut: { sms: true, whatsapp: false },
    });
    expect(errors).toEqual([
      { line: 4, problems: ['phone: not a phone number we can reach'] },
      { line: 5, problems: [expect.stringMatching(/^email:/)] },
      { line: 6, problems: ['phone: the same number as line 2'] },
      { line: 8, problems: ['email: the same address as line 2'] },
      { line: 9, problems: [expect.stringMatching(/^opt_out_sms:/)] },
    ]);
  });

  it('refuses a file without the needed columns, or that is no CSV', () => {
    expect(parseContactsCsv('name,email\nAsha,a@b.co\n').errors).toEqual([
      { line: 1, problems: ['missing column(s): phone'] },
    ]);
    expect(parseContactsCsv('name,phone\n"unclosed,9830012345\n').errors[0]?.problems[0]).toMatch(
      /^not a CSV file here/,
    );
    expect(parseContactsCsv('').errors).toEqual([{ line: 1, problems: ['no rows'] }]);
  });
});
