import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** Slots reserved, the first at `startMs` (epoch ms), the others `intervalMs` apart after it. */
export type Reservation = { startMs: number } | { busyUntilMs: number };

/** An idle key's item goes after a day (TTL), so keys of numbers no longer used do not stay. */
const keepSeconds = 24 * 60 * 60;

/**
 * The shared line of each rate-limited key (a business number, the account, SMS, email) in
 * RateLimitsTable: one item holds `nextSlotMs`, the time the next send may start (GCRA's
 * "theoretical arrival time"). Reserving n slots moves it n intervals on, with single-item
 * conditional updates and no read before: appended after the line when the line reaches into the
 * future, or started now when it has lapsed. Every process and Lambda instance shares the item,
 * so no two sends anywhere get slots less than one interval apart.
 */
export class PaceTable {
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
    const span = count * intervalMs;
    const expiresAt = Math.ceil(nowMs / 1000) + keepSeconds;
    for (;;) {
      // The line reaches into the future: take the slots after it.
      const appended = await this.conditionalUpdate({
        Key: { id: key },
        UpdateExpression: 'SET nextSlotMs = nextSlotMs + :span, expiresAt = :expiresAt',
        ConditionExpression: Number.isFinite(latestStartMs)
          ? 'nextSlotMs >= :now AND nextSlotMs <= :latest'
          : 'nextSlotMs >= :now',
        ExpressionAttributeValues: {
          ':span': span,
          ':now': nowMs,
          ':expiresAt': expiresAt,
          ...(Number.isFinite(latestStartMs) ? { ':latest': latestStartMs } : {}),
        },
        ReturnValues: 'UPDATED_NEW',
      });
      if (appended) return { startMs: Number(appended.nextSlotMs) - span };
      // The line has lapsed (or never was): start it now.
      const started = await this.conditionalUpdate({
        Key: { id: key },
        UpdateExpression: 'SET nextSlotMs = :end, expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(nextSlotMs) OR nextSlotMs < :now',
        ExpressionAttributeValues: { ':end': nowMs + span, ':now': nowMs, ':expiresAt': expiresAt },
      });
      if (started) return { startMs: nowMs };
      // Neither: another sender moved the line between the two; a bulk send may find it too long.
      if (Number.isFinite(latestStartMs)) {
        const line = await this.documents.send(
          new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true }),
        );
        const nextSlotMs = Number(line.Item?.nextSlotMs ?? 0);
        if (nextSlotMs > latestStartMs) return { busyUntilMs: nextSlotMs };
      }
    }
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
