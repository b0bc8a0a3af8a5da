import '#core/aws/clients/dynamodb.ts';
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Config } from '#core/config/config-schema.ts';
import { logger } from '#core/logger/logger.ts';

/**
 * What the dashboard counts. Each is counted once, where its effect happens and only when that
 * effect was new (a message stored for the first time, a status that moved a message on, a
 * handoff that changed the owner): a retried delivery counts nothing twice.
 */
export type StatEvent =
  | { kind: 'message-in'; channel: 'whatsapp' }
  | { kind: 'message-out'; channel: 'whatsapp' | 'sms' | 'email'; sentBy?: string }
  | { kind: 'handoff'; reason: string }
  | { kind: 'whatsapp-failed'; errorCodes: readonly (string | number)[] }
  | { kind: 'human-reply'; waitMs: number };

/** Upper bounds (seconds) of the human-reply wait buckets: the median is read from them. */
export const humanWaitBucketsSeconds = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400] as const;

/** A day's counters as stored: flat attribute names, each added to atomically. */
export type DayCounters = Record<string, number>;

/** Days are kept this long (TTL), beyond any range the dashboard shows. */
const keepDays = 400;

/** An attribute name part from free text (a reason, an error code): short, and safe as a name. */
function token(text: string | number): string {
  return (
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'other'
  );
}

/** The counters an event adds to. */
export function countersOf(event: StatEvent): string[] {
  switch (event.kind) {
    case 'message-in':
      return [`in.${event.channel}`];
    case 'message-out':
      return [
        `out.${event.channel}`,
        ...(event.sentBy ? [`out.${event.channel}.by.${token(event.sentBy)}`] : []),
      ];
    case 'handoff':
      return ['handoffs', `handoff.${token(event.reason)}`];
    case 'whatsapp-failed':
      return [
        'failed.whatsapp',
        ...(event.errorCodes.length ? event.errorCodes : ['unknown']).map(
          (code) => `failed.whatsapp.${token(code)}`,
        ),
      ];
    case 'human-reply': {
      const seconds = event.waitMs / 1000;
      const bucket = humanWaitBucketsSeconds.find((bound) => seconds <= bound);
      return ['human-replies', `human-wait.le.${bucket ?? 'inf'}`];
    }
  }
}

/**
 * The dashboard's counters in DynamoDB: one item per business day (its date in the business's time
 * zone), each counter added to with `ADD`, so that every Lambda instance counts into the same day
 * without reading it first. Read back a range of days with one BatchGetItem (no Scan).
 */
export class DailyStats {
  static fromConfig(config: Config, documents: DynamoDBDocumentClient): DailyStats {
    return new DailyStats(documents, config.tables.dailyStats, config.console.timeZone);
  }

  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    timeZone: string,
  ) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  /** The business day (YYYY-MM-DD) of an instant. */
  dayOf(atMs: number): string {
    return this.dayFormat.format(new Date(atMs));
  }

  /**
   * Counts an event. A counter is not worth failing the effect it counts: a failure is logged and
   * the message, send or handoff goes on.
   */
  async count(event: StatEvent, atMs = Date.now()): Promise<void> {
    const counters = countersOf(event);
    const names = Object.fromEntries(counters.map((counter, index) => [`#c${index}`, counter]));
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: this.dayOf(atMs) },
          UpdateExpression: `ADD ${counters.map((_, index) => `#c${index} :one`).join(', ')}${
            event.kind === 'human-reply' ? ', #waitSum :wait' : ''
          } SET expiresAt = if_not_exists(expiresAt, :expires)`,
          ExpressionAttributeNames: {
            ...names,
            ...(event.kind === 'human-reply' ? { '#waitSum': 'human-wait.sum-ms' } : {}),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ':expires': Math.floor(atMs / 1000) + keepDays * 86_400,
            ...(event.kind === 'human-reply' ? { ':wait': Math.round(event.waitMs) } : {}),
          },
        }),
      );
    } catch (error) {
      logger('daily-stats').warn('A dashboard counter was not counted', { event: event.kind, error });
    }
  }

  /** The counters of each day in the range, oldest first (a day nothing happened on is empty). */
  async days(dayIds: readonly string[]): Promise<Array<{ day: string; counters: DayCounters }>> {
    const found = new Map<string, DayCounters>();
    for (let start = 0; start < dayIds.length; start += 100) {
      let keys: Array<Record<string, string>> = dayIds.slice(start, start + 100).map((id) => ({ id }));
      for (let attempt = 0; keys.length > 0 && attempt < 5; attempt += 1) {
        const page = await this.documents.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of page.Responses?.[this.tableName] ?? []) {
          const { id, expiresAt: _expires, ...counters } = item as Record<string, unknown>;
          found.set(
            String(id),
            Object.fromEntries(Object.entries(counters).map(([name, value]) => [name, Number(value)])),
          );
        }
        keys = (page.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, string>>;
      }
    }
    return dayIds.map((day) => ({ day, counters: found.get(day) ?? {} }));
  }
}
