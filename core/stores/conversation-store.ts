import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors/app-errors.ts';
import {
  Conversation,
  type ConversationState,
  conversationIdOf,
  type MemorySession,
} from './conversation.ts';

export interface InboundTouch {
  businessPhoneNumberId: string;
  customerWaId: string;
  profileName: string | null;
  wamid: string;
  at: string;
  atMs: number;
}

/**
 * Conversations in DynamoDB. Every write is a single-item update whose condition makes it safe to
 * repeat and to receive out of order.
 */
export class ConversationStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Conversation | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    return found.Item ? Conversation.parse(found.Item) : undefined;
  }

  /**
   * Creates the conversation on the customer's first message (owned by the bot) and moves its
   * 24-hour window forward. An older message delivered late never moves the window back: the
   * condition refuses it and the conversation is returned as it is.
   */
  async recordInbound(touch: InboundTouch): Promise<Conversation> {
    const id = conversationIdOf(touch.businessPhoneNumberId, touch.customerWaId);
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: [
            'SET businessPhoneNumberId = :phone, customerWaId = :customer',
            'createdAt = if_not_exists(createdAt, :now)',
            '#state = if_not_exists(#state, :bot)',
            'version = if_not_exists(version, :zero)',
            'lastInboundAt = :at, lastInboundAtMs = :atMs, lastInboundWamid = :wamid, lastActivityAtMs = :atMs',
            ...(touch.profileName ? ['customerProfileName = :name'] : []),
          ].join(', '),
          ConditionExpression: 'attribute_not_exists(lastInboundAtMs) OR lastInboundAtMs <= :atMs',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':phone': touch.businessPhoneNumberId,
            ':customer': touch.customerWaId,
            ':now': new Date().toISOString(),
            ':bot': 'bot',
            ':zero': 0,
            ':at': touch.at,
            ':atMs': touch.atMs,
            ':wamid': touch.wamid,
            ...(touch.profileName ? { ':name': touch.profileName } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Conversation.parse(updated.Attributes);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(id);
      if (!current) throw error;
      return current;
    }
  }

  /**
   * Notes a message sent to the customer: creates the conversation if a template opened it, and
   * moves its last activity forward (never back).
   */
  async recordOutbound(input: {
    businessPhoneNumberId: string;
    customerWaId: string;
    at: string;
    atMs: number;
  }): Promise<void> {
    const id = conversationIdOf(input.businessPhoneNumberId, input.customerWaId);
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression: [
          'SET businessPhoneNumberId = :phone, customerWaId = :customer',
          'createdAt = if_not_exists(createdAt, :at)',
          '#state = if_not_exists(#state, :bot)',
          'version = if_not_exists(version, :zero)',
          'lastOutboundAt = :at, lastActivityAtMs = if_not_exists(lastActivityAtMs, :atMs)',
        ].join(', '),
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':phone': input.businessPhoneNumberId,
          ':customer': input.customerWaId,
          ':at': input.at,
          ':atMs': input.atMs,
          ':bot': 'bot',
          ':zero': 0,
        },
      }),
    );
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET lastActivityAtMs = :atMs',
          ConditionExpression: 'lastActivityAtMs < :atMs',
          ExpressionAttributeValues: { ':atMs': input.atMs },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * The conversation moves from one owner to another only through these conditional updates, and
   * every move bumps `version`: a bot reply reserved against an older version can no longer go
   * out (see `reserveBotReply`), so a human and the bot never both answer.
   */
  async requestHuman(
    id: string,
    handoff: Readonly<Record<string, unknown>>,
    at: string,
  ): Promise<Conversation> {
    return this.transition(id, {
      set: ['#state = :waiting', 'handoff = :handoff', 'handoffAt = :at'],
      values: { ':waiting': 'waiting_for_human', ':handoff': handoff, ':at': at, ':bot': 'bot' },
      condition: '#state = :bot',
      refusal: "the conversation is not the bot's",
    });
  }

  /** A human agent takes the conversation (from the bot or the waiting queue); taking it again is a no-op. */
  async takeover(id: string, agentId: string, at: string): Promise<Conversation> {
    const current = await this.get(id);
    if (current?.state === 'human' && current.ownerAgentId === agentId) return current;
    return this.transition(id, {
      set: ['#state = :human', 'ownerAgentId = :agent', 'ownerSince = :at'],
      values: { ':human': 'human', ':agent': agentId, ':at': at },
      condition: '#state <> :human',
      refusal: `the conversation is already owned by ${current?.ownerAgentId ?? 'another agent'}`,
    });
  }

  /**
   * Gives the conversation back to the bot, in a new epoch that starts from the human part's
   * summary: the bot does not re-read the escalation (no handoff loop) and knows what was agreed.
   */
  async release(id: string, agentId: string, summary: string, at: string): Promise<Conversation> {
    return this.transition(id, {
      set: [
        '#state = :bot',
        'ownerAgentId = :none',
        'epoch = if_not_exists(epoch, :zero) + :one',
        'epochStartedAt = :at',
        'humanSummary = :summary',
        'awaitingReply = :no',
      ],
      values: {
        ':bot': 'bot',
        ':none': null,
        ':zero': 0,
        ':one': 1,
        ':at': at,
        ':summary': summary,
        ':no': false,
        ':agent': agentId,
        ':waiting': 'waiting_for_human',
        ':human': 'human',
      },
      condition: '(#state = :human AND ownerAgentId = :agent) OR #state = :waiting',
      refusal: `the conversation is not owned by ${agentId}`,
    });
  }

  /**
   * The last step before the bot's reply goes out: succeeds only if the conversation is still the
   * bot's and unchanged since the agent read it (same version). A takeover in between wins.
   */
  async reserveBotReply(id: string, expectedVersion: number, replyTo: string, at: string): Promise<boolean> {
    try {
      await this.transition(id, {
        set: ['lastBotReplyTo = :reply', 'lastBotReplyAt = :at', 'awaitingReply = :no'],
        values: { ':reply': replyTo, ':at': at, ':no': false, ':bot': 'bot', ':expected': expectedVersion },
        condition: '#state = :bot AND version = :expected',
        refusal: 'the conversation changed',
      });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  private async transition(
    id: string,
    change: { set: string[]; values: Record<string, unknown>; condition: string; refusal: string },
  ): Promise<Conversation> {
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: `SET ${[...change.set, 'version = version + :step'].join(', ')}`,
          ConditionExpression: `attribute_exists(id) AND (${change.condition})`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ...change.values, ':step': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Conversation.parse(updated.Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ConflictError(`Conversation ${id}: ${change.refusal}`, { details: { conversationId: id } });
      throw error;
    }
  }

  /** The console inbox: conversations in a state, most recent activity first. */
  async listByState(state: ConversationState, limit = 50): Promise<Conversation[]> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-state',
        KeyConditionExpression: '#state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (found.Items ?? []).map((item) => Conversation.parse(item));
  }

  /** Saves the bot's memory of the customer (not a change of owner: the version stays). */
  async saveMemory(id: string, memory: readonly MemorySession[]): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression: 'SET memory = :memory',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':memory': memory },
      }),
    );
  }

  /** Notes that the customer's latest message waits for an answer (the agent or a human clears it). */
  async markAwaitingReply(id: string, since: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression:
          'SET awaitingReply = :yes, awaitingReplySince = if_not_exists(awaitingReplySince, :since)',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':yes': true, ':since': since },
      }),
    );
  }
}
