import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditPage, type AuditQuery, auditDayOf, queryAudit } from './audit-query.ts';
import { latestOfConversation } from './latest-of-conversation.ts';

export interface AuditEntry {
  /** Who acted: an agent id, `bot`, `system`, or a tool name. */
  actorId: string;
  action: string;
  conversationId?: string;
  details?: Readonly<Record<string, unknown>>;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
  at: string;
  atMs: number;
  /** The UTC day (`YYYY-MM-DD`): the `by-day` index's partition, everyone's entries newest first. */
  day: string;
  /** Epoch seconds after which DynamoDB deletes the entry (the audit table's TTL). */
  expiresAt: number;
}

/** AuditTable: who did what, by actor and by conversation, kept for the configured retention (180 days). */
export class AuditStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  async record(entry: AuditEntry, now = new Date()): Promise<StoredAuditEntry> {
    const stored: StoredAuditEntry = {
      ...entry,
      id: `${now.getTime()}-${randomUUID()}`,
      at: now.toISOString(),
      atMs: now.getTime(),
      day: auditDayOf(now.getTime()),
      expiresAt: Math.floor(now.getTime() / 1000) + this.retentionDays * 24 * 60 * 60,
    };
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: stored }));
    return stored;
  }

  /** Entries by actor, conversation or everyone's, an action and a time range, newest first (paged). */
  query(query: AuditQuery): Promise<AuditPage> {
    return queryAudit(this.documents, this.tableName, query);
  }

  async forConversation(conversationId: string, limit = 50): Promise<StoredAuditEntry[]> {
    return (await latestOfConversation(this.documents, this.tableName, conversationId, {
      limit,
    })) as unknown as StoredAuditEntry[];
  }
}
