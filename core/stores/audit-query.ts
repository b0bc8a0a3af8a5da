import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ValidationError } from '../errors/app-errors.ts';
import type { StoredAuditEntry } from './audit-store.ts';

/** What the audit pages ask for: one actor, one conversation, or everyone; an action; a time range. */
export interface AuditQuery {
  actorId?: string | undefined;
  conversationId?: string | undefined;
  action?: string | undefined;
  fromMs: number;
  toMs: number;
  limit: number;
  cursor?: string | undefined;
}

export interface AuditPage {
  items: StoredAuditEntry[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** The UTC day of an entry: the partition of the `by-day` index (all entries, newest first). */
export const auditDayOf = (atMs: number) => new Date(atMs).toISOString().slice(0, 10);

const dayMs = 24 * 60 * 60 * 1000;
/** Index items one request reads at most while it looks for matches of an action filter. */
const readsPerRequest = 2000;
/** Queries one request makes at most (a day each, walking everyone's entries). */
const queriesPerRequest = 40;

/**
 * Where a page ends: the day being read (the `by-day` walk) and the index key DynamoDB stopped at.
 * It comes back from the client, so it is held to shapes DynamoDB accepts: a forged one is a 400.
 */
const Cursor = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  after: z
    .object({ id: z.string().min(1).max(256), atMs: z.number().int().min(0) })
    .catchall(z.union([z.string().min(1).max(1024), z.number()]))
    .optional(),
});
type Cursor = z.infer<typeof Cursor>;

/**
 * The audit log, newest first, without a Scan: by actor (`by-actor`), by conversation
 * (`by-conversation`), or everyone's, day by day (`by-day`), each within the time range on the
 * index's sort key; an action (and a conversation, with an actor) filter on top. A page ends with
 * a cursor; a filter that matches rarely reads at most `readsPerRequest` items per request.
 */
export async function queryAudit(
  documents: DynamoDBDocumentClient,
  tableName: string,
  query: AuditQuery,
): Promise<AuditPage> {
  if (query.fromMs > query.toMs) throw new ValidationError('from: the range starts after it ends');
  const source = query.actorId
    ? { index: 'by-actor', key: 'actorId', value: query.actorId }
    : query.conversationId
      ? { index: 'by-conversation', key: 'conversationId', value: query.conversationId }
      : { index: 'by-day', key: 'day', value: undefined };
  const firstDay = auditDayOf(query.fromMs);
  let position: Cursor = query.cursor
    ? decodeCursor(query.cursor)
    : source.value === undefined
      ? { day: auditDayOf(query.toMs) }
      : {};
  // A cursor from the client must be of this query: its partition, a time inside the range.
  const after = position.after;
  if (
    after &&
    (after[source.key] !== (source.value ?? position.day) ||
      after.atMs < query.fromMs ||
      after.atMs > query.toMs)
  )
    throw new ValidationError('cursor: not a cursor of this query', { details: { field: 'cursor' } });
  if (
    source.value === undefined &&
    (!position.day || position.day > auditDayOf(query.toMs) || position.day < firstDay)
  )
    throw new ValidationError('cursor: not a cursor of this query', { details: { field: 'cursor' } });
  const filters = {
    ...(query.action ? { action: query.action } : {}),
    ...(query.actorId && query.conversationId ? { conversationId: query.conversationId } : {}),
  };
  const filterNames = Object.keys(filters);
  // Flags share the table (MessageFlagStore) but are no entries: an entry has an action.
  const conditions = ['attribute_exists(#entryAction)', ...filterNames.map((name) => `#${name} = :${name}`)];
  const items: StoredAuditEntry[] = [];
  let read = 0;
  let queries = 0;
  for (;;) {
    queries += 1;
    const found = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: source.index,
        KeyConditionExpression: '#key = :key AND atMs BETWEEN :from AND :to',
        FilterExpression: conditions.join(' AND '),
        ExpressionAttributeNames: {
          '#key': source.key,
          '#entryAction': 'action',
          ...Object.fromEntries(filterNames.map((name) => [`#${name}`, name])),
        },
        ExpressionAttributeValues: {
          ':key': source.value ?? position.day,
          ':from': query.fromMs,
          ':to': query.toMs,
          ...Object.fromEntries(Object.entries(filters).map(([name, value]) => [`:${name}`, value])),
        },
        ScanIndexForward: false,
        // DynamoDB's Limit counts what it reads, not what the filter keeps: read in larger steps.
        Limit: Math.max(query.limit - items.length, filterNames.length ? 200 : 50),
        ...(position.after ? { ExclusiveStartKey: position.after } : {}),
      }),
    );
    read += found.ScannedCount ?? 0;
    const page = (found.Items ?? []) as StoredAuditEntry[];
    for (const [index, item] of page.entries()) {
      items.push(item);
      if (items.length < query.limit) continue;
      const more =
        index < page.length - 1 ||
        found.LastEvaluatedKey !== undefined ||
        (position.day !== undefined && position.day > firstDay);
      if (!more) return { items };
      return { items, nextCursor: encodeCursor({ ...dayOf(position), after: keyOf(item, source.key) }) };
    }
    if (found.LastEvaluatedKey)
      position = { ...dayOf(position), after: found.LastEvaluatedKey as Cursor['after'] };
    else if (position.day !== undefined && position.day > firstDay)
      position = { day: dayBefore(position.day) };
    else return { items };
    // A long walk over empty days, or a rare action, goes on in the next request.
    if (read >= readsPerRequest || queries >= queriesPerRequest)
      return { items, nextCursor: encodeCursor(position) };
  }
}

const dayOf = (cursor: Cursor) => (cursor.day === undefined ? {} : { day: cursor.day });
const dayBefore = (day: string) => auditDayOf(Date.parse(`${day}T00:00:00Z`) - dayMs);

/** The index key of an entry (the table's key, and the index's partition and sort keys). */
function keyOf(entry: StoredAuditEntry, partitionKey: string): NonNullable<Cursor['after']> {
  const record = entry as unknown as Record<string, string | number>;
  return { id: entry.id, atMs: entry.atMs, [partitionKey]: record[partitionKey] as string };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(encoded: string): Cursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('cursor: not a cursor this log gave out', { details: { field: 'cursor' } });
  }
}
