import '#core/aws/clients/s3.ts';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { Config } from '#core/config/config-schema.ts';
import { ConflictError } from '#core/errors/app-errors.ts';
import { classifyAwsError } from '#core/errors/classify-aws-error.ts';
import type { EvalReport } from './eval-report.ts';

/** Where the latest evals report is published: under the stream bucket's reports prefix. */
export function latestReportKey(config: Config): string {
  return `${config.buckets.stream.reportsPrefix}evals/latest/report.json`;
}

/**
 * Publishes a report for the console (and keeps each run's beside it): the JSON the console reads,
 * and the HTML page for whoever downloads it.
 */
export async function publishReport(
  s3: S3Client,
  config: Config,
  report: EvalReport,
  html: string,
): Promise<string> {
  const put = (key: string, body: string, contentType: string) =>
    s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.stream.name,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
  const json = `${JSON.stringify(report)}\n`;
  const run = `${config.buckets.stream.reportsPrefix}evals/runs/${report.runAt.replace(/[:.]/g, '-')}/`;
  await put(`${run}report.json`, json, 'application/json');
  await put(`${run}report.html`, html, 'text/html; charset=utf-8');
  await put(latestReportKey(config), json, 'application/json');
  await put(latestReportKey(config).replace(/json$/, 'html'), html, 'text/html; charset=utf-8');
  return latestReportKey(config);
}

const Score = z.object({ cases: z.number(), passRate: z.number() }).loose();
const Usage = z.object({
  modelCalls: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
const Verdict = z.object({ grader: z.string(), pass: z.boolean(), detail: z.string() });

/** What the console shows of a report: read as schema 1, anything else refused (never half-shown). */
export const PublishedReport = z
  .object({
    schemaVersion: z.literal(1),
    runAt: z.string(),
    model: z.string(),
    meaningful: z.boolean(),
    durationMs: z.number(),
    summary: z.object({
      overall: Score,
      byCategory: z.record(z.string(), Score),
      byLanguage: z.record(z.string(), Score),
    }),
    cases: z.array(
      z
        .object({
          id: z.string(),
          category: z.string(),
          language: z.string(),
          passRate: z.number(),
          turns: z.array(z.string()),
          runs: z.array(
            z.object({ pass: z.boolean(), verdicts: z.array(Verdict), error: z.string().optional() }).loose(),
          ),
        })
        .loose(),
    ),
    cost: z
      .object({
        bot: Usage,
        judge: Usage,
        pricedAs: z.string(),
        estimatedUsd: z.number().nullable(),
      })
      .optional(),
    comparison: z
      .object({
        baselineRunAt: z.string(),
        regressions: z.array(z.object({ id: z.string(), was: z.number(), now: z.number() })),
        categoryDrops: z.array(z.object({ category: z.string(), was: z.number(), now: z.number() })),
      })
      .loose()
      .optional(),
  })
  .loose();
export type PublishedReport = z.infer<typeof PublishedReport>;

/** The latest published report, or undefined when none has been published. */
export async function latestPublishedReport(
  s3: S3Client,
  config: Config,
): Promise<PublishedReport | undefined> {
  let text: string;
  try {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: config.buckets.stream.name, Key: latestReportKey(config) }),
    );
    text = (await object.Body?.transformToString('utf-8')) ?? '';
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw classifyAwsError(error, 'GetObject');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const parsed = PublishedReport.safeParse(data);
  if (!parsed.success)
    throw new ConflictError(
      'The published evals report is not one this console reads (schema version 1): publish it again.',
    );
  return parsed.data;
}
