import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

/** Flags are listed by the audit table's `by-actor` index under this one partition, newest first. */
export const flagsPartition = 'flags:bot-replies';

/**
 * A bot reply a person marked as wrong, with what the evals suite needs to turn it into a case:
 * the conversation, the customer's message it answered, the reply, the passages it cited and the
 * tools the bot called for it.
 *
 * @example { id: 'flag#wamid.HBgM…#meera.operator', wamid: 'wamid.HBgM…', conversationId: '831049713436137#919830012345',
 *   reply: 'We are open 9 to 6.', question: 'When are you open?', citations: [{ title: 'Office hours', uri: 's3://…', chunkId: null }],
 *   toolCalls: [], note: 'Saturday hours are wrong', flaggedBy: 'meera.operator', at: '2025-06-01T10:00:00.000Z' }
 */
export const MessageFlag = z.object({
  id: z.string(),
  wamid: z.string(),
  conversationId: z.string(),
  reply: z.string(),
  question: z.string().nullable(),
  citations: z.array(z.object({ title: z.string(), uri: z.string(), chunkId: z.string().nullable() })),
  toolCalls: z.array(z.object({ name: z.string(), ok: z.boolean() })),
  note: z.string(),
  flaggedBy: z.string(),
  at: z.string(),
  atMs: z.number(),
});
export type MessageFlag = z.infer<typeof MessageFlag>;

/**
 * Flags kept in the audit table (AuditTable), under ids `flag#<wamid>#<staff>`: the table already
 * has the indexes (by conversation; by "actor", here the one `flags` partition, for the evals'
 * listing without a Scan) and the retention the customer's text must have; a new table would need
 * its own stack and grants. The same person flagging the same reply again updates their note.
 */
export class MessageFlagStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number,
  ) {}

  static idOf(wamid: string, flaggedBy: string): string {
    return `flag#${wamid}#${flaggedBy}`;
  }

  async save(flag: Omit<MessageFlag, 'id' | 'at' | 'atMs'>, now = new Date()): Promise<MessageFlag> {
    const stored: MessageFlag = {
      ...flag,
      id: MessageFlagStore.idOf(flag.wamid, flag.flaggedBy),
      at: now.toISOString(),
      atMs: now.getTime(),
    };
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...stored,
          actorId: flagsPartition,
          action: 'bot-reply-flag',
          expiresAt: Math.floor(now.getTime() / 1000) + this.retentionDays * 24 * 60 * 60,
        },
      }),
    );
    return stored;
  }

  /** The most recent flags, newest first (what the evals suite reads). */
  async recent(limit = 100): Promise<MessageFlag[]> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-actor',
        KeyConditionExpression: 'actorId = :flags',
        ExpressionAttributeValues: { ':flags': flagsPartition },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (found.Items ?? []).map((item) => MessageFlag.parse(item));
  }

  /** One flag by its id (`flag#<wamid>#<staff>`), or undefined. */
  async get(id: string): Promise<MessageFlag | undefined> {
    const found = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return found.Item?.action === 'bot-reply-flag' ? MessageFlag.parse(found.Item) : undefined;
  }
}
