import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Slots reserved, the first at `startMs` (epoch ms), the others `intervalMs` apart after it. */
export type Reservation = { startMs: number } | { busyUntilMs: number };

/** An idle key's item goes after a day (TTL), so keys of numbers no longer used do not stay. */
const keepSeconds = 24 * 60 * 60;
const expiresAtOf = (nowMs: number) => Math.ceil(nowMs / 1000) + keepSeconds;

/** A request for `span` ms of a key's line at `nowMs`, starting by `latestStartMs` at the latest. */
interface Line {
  key: string;
  span: number;
  nowMs: number;
  latestStartMs: number;
}

/**
 * The shared line of each rate-limited key (a business number, the account, SMS, email) in
 * RateLimitsTable: one item holds `nextSlotMs`, the time the next send may start (GCRA's
 * "theoretical arrival time"). Reserving n slots moves it n intervals on, with single-item
 * conditional updates and no read before: appended after the line when the line reaches into the
 * future, or started now when it has lapsed. Every process and Lambda instance shares the item,
 * so no two sends anywhere get slots less than one interval apart. Slots are wall-clock times:
 * the hosts' clocks must agree within a few milliseconds (Lambda's are kept by NTP), as a host
 * ahead would start the line in the future for everyone and one behind would send early.
 */
export class PaceTable {
  /**
   * The furthest each key's line was seen to reach, in this process. The line only moves on, so a
   * line seen beyond a bulk send's latest start is still beyond it (no request needed), and a
   * line seen to have lapsed is started first (one write, not a failed append and then a start).
   */
  private readonly seenEnds = new Map<string, number>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Reserves `count` consecutive slots of `key`. With `latestStartMs` (bulk sends), only when the
   * first slot would start by then; otherwise the answer says how far the line already reaches.
   */
  async reserve(
    key: string,
    count: number,
    intervalMs: number,
    nowMs: number,
    latestStartMs = Number.POSITIVE_INFINITY,
  ): Promise<Reservation> {
    const seenEnd = this.seenEnds.get(key);
    if (seenEnd !== undefined && seenEnd > latestStartMs) return { busyUntilMs: seenEnd };
    const line = { key, span: count * intervalMs, nowMs, latestStartMs };
    const lapsed = seenEnd !== undefined && seenEnd < nowMs;
    for (;;) {
      const startMs = lapsed
        ? ((await this.start(line)) ?? (await this.append(line)))
        : ((await this.append(line)) ?? (await this.start(line)));
      if (startMs !== undefined) {
        this.see(key, startMs + line.span);
        return { startMs };
      }
      // Neither: another sender moved the line between the two; a bulk send may find it too long.
      if (Number.isFinite(latestStartMs)) {
        const found = await this.documents.send(
          new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true }),
        );
        const nextSlotMs = Number(found.Item?.nextSlotMs ?? 0);
        this.see(key, nextSlotMs);
        if (nextSlotMs > latestStartMs) return { busyUntilMs: nextSlotMs };
      }
    }
  }

  /** The line reaches into the future (and, for bulk, not beyond its latest start): the slots after it. */
  private async append(line: Line): Promise<number | undefined> {
    const bounded = Number.isFinite(line.latestStartMs);
    const appended = await this.conditionalUpdate({
      Key: { id: line.key },
      UpdateExpression: 'SET nextSlotMs = nextSlotMs + :span, expiresAt = :expiresAt',
      ConditionExpression: bounded ? 'nextSlotMs >= :now AND nextSlotMs <= :latest' : 'nextSlotMs >= :now',
      ExpressionAttributeValues: {
        ':span': line.span,
        ':now': line.nowMs,
        ':expiresAt': expiresAtOf(line.nowMs),
        ...(bounded ? { ':latest': line.latestStartMs } : {}),
      },
      ReturnValues: 'UPDATED_NEW',
    });
    return appended ? Number(appended.nextSlotMs) - line.span : undefined;
  }

  /** The line has lapsed (or never was): it starts now. */
  private async start(line: Line): Promise<number | undefined> {
    const started = await this.conditionalUpdate({
      Key: { id: line.key },
      UpdateExpression: 'SET nextSlotMs = :end, expiresAt = :expiresAt',
      ConditionExpression: 'attribute_not_exists(nextSlotMs) OR nextSlotMs < :now',
      ExpressionAttributeValues: {
        ':end': line.nowMs + line.span,
        ':now': line.nowMs,
        ':expiresAt': expiresAtOf(line.nowMs),
      },
    });
    return started ? line.nowMs : undefined;
  }

  private see(key: string, endMs: number): void {
    this.seenEnds.set(key, Math.max(endMs, this.seenEnds.get(key) ?? 0));
  }

  /** The item's new values, or undefined when the condition did not hold. */
  private async conditionalUpdate(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const answer = await this.documents.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return answer.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
