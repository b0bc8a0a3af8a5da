import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import * as z from 'zod';
import { type Contact, ContactFields } from './contact.ts';

/** The columns of a contacts CSV (export writes them all; an import needs `name` and `phone`). */
export const csvColumns = [
  'name',
  'phone',
  'email',
  'language',
  'notes',
  'opt_out_whatsapp',
  'opt_out_sms',
  'opt_out_email',
] as const;

/** The most rows one file may hold (what an import finishes in seconds). */
export const maxCsvRows = 20_000;

export interface CsvRowError {
  /** The line in the file where the row ends (the header is line 1). */
  line: number;
  problems: string[];
}

export interface ParsedContactsCsv {
  rows: Array<{ line: number; fields: ContactFields }>;
  errors: CsvRowError[];
}

const yes = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['', 'yes', 'no', 'true', 'false', '1', '0', 'y', 'n'].includes(value), 'yes or no')
  .transform((value) => ['yes', 'true', '1', 'y'].includes(value));

/** A row's opt-out columns (made once: zod compiles an object schema when first used). */
const OptOutColumns = z.object({
  opt_out_whatsapp: yes.optional(),
  opt_out_sms: yes.optional(),
  opt_out_email: yes.optional(),
});

/**
 * A contacts CSV read row by row (csv-parse: quotes, commas and newlines in fields, a BOM), each
 * row held to the same rules as the console's form, every problem reported with its line: a bad
 * number or email, a language we do not speak, a number or email a line above already has.
 */
export function parseContactsCsv(text: string): ParsedContactsCsv {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    // Line ends as one character, so that a line number counts lines whatever wrote the file.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 10_000,
      to: maxCsvRows + 1,
    }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errors: [{ line, problems: [`not a CSV file here: ${(error as Error).message.slice(0, 200)}`] }],
    };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = ['name', 'phone'].filter((column) => records.length > 0 && !header.includes(column));
  if (records.length === 0 || missing.length > 0)
    return {
      rows: [],
      errors: [
        { line: 1, problems: [missing.length ? `missing column(s): ${missing.join(', ')}` : 'no rows'] },
      ],
    };
  if (records.length > maxCsvRows)
    return {
      rows: [],
      errors: [{ line: maxCsvRows + 2, problems: [`more than ${maxCsvRows} rows: split the file`] }],
    };
  const rows: ParsedContactsCsv['rows'] = [];
  const errors: CsvRowError[] = [];
  const seenPhones = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const optOut = OptOutColumns.safeParse(record);
    const parsed = ContactFields.safeParse({
      name: record.name ?? '',
      phone: record.phone ?? '',
      ...(record.email ? { email: record.email } : {}),
      ...(record.language ? { language: record.language.toLowerCase() } : {}),
      ...(record.notes ? { notes: record.notes } : {}),
      optOut: optOut.success
        ? {
            whatsapp: optOut.data.opt_out_whatsapp ?? false,
            sms: optOut.data.opt_out_sms ?? false,
            email: optOut.data.opt_out_email ?? false,
          }
        : {},
    });
    const problems = [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)),
      ...(optOut.success
        ? []
        : optOut.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ];
    if (parsed.success) {
      const samePhone = seenPhones.get(parsed.data.phone);
      if (samePhone) problems.push(`phone: the same number as line ${samePhone}`);
      const sameEmail = parsed.data.email ? seenEmails.get(parsed.data.email) : undefined;
      if (sameEmail) problems.push(`email: the same address as line ${sameEmail}`);
      seenPhones.set(parsed.data.phone, samePhone ?? line);
      if (parsed.data.email) seenEmails.set(parsed.data.email, sameEmail ?? line);
    }
    if (problems.length > 0 || !parsed.success) errors.push({ line, problems });
    else rows.push({ line, fields: parsed.data });
  }
  return { rows, errors };
}

/** Contacts as a CSV an import takes back (numbers with their `+`, opt-outs as yes/no). */
export function contactsCsv(contacts: readonly Contact[]): string {
  return stringify(
    contacts.map((contact) => [
      contact.name,
      `+${contact.phone}`,
      contact.email ?? '',
      contact.language ?? '',
      contact.notes ?? '',
      contact.optOut.whatsapp ? 'yes' : 'no',
      contact.optOut.sms ? 'yes' : 'no',
      contact.optOut.email ? 'yes' : 'no',
    ]),
    { header: true, columns: [...csvColumns] },
  );
}
