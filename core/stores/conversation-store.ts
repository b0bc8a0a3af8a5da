import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors/app-errors.ts';
import {
  Conversation,
  type ConversationState,
  conversationIdOf,
  encodePendingEntry,
  type MemorySession,
  type TranscriptTurn,
  transcriptTurn,
} from './conversation.ts';

export interface InboundTouch {
  businessPhoneNumberId: string;
  customerWaId: string;
  profileName: string | null;
  wamid: string;
  at: string;
  atMs: number;
  /** Set for a message that needs a reply: when we received it (our clock, which the debounce runs on). */
  awaitsReply?: { receivedMs: number };
  /** The message as a transcript turn (what the bot will read of it). */
  turn?: TranscriptTurn;
}

/** Past this many turns the transcript is cut back to the most recent `turnsKept` (one write per 20 or so turns). */
const turnsBeforeTrim = 40;
const turnsKept = 20;

/** The update clause that appends turns to the transcript (created on the first). */
function appendTurns(turns: readonly TranscriptTurn[]) {
  return {
    set: 'recentTurns = list_append(if_not_exists(recentTurns, :noTurns), :turns)',
    values: { ':noTurns': [], ':turns': turns.map(transcriptTurn) },
  };
}

/** A conversation as it is now (a consistent read), or undefined. */
export async function readConversation(
  documents: DynamoDBDocumentClient,
  tableName: string,
  id: string,
): Promise<Conversation | undefined> {
  const found = await documents.send(
    new GetCommand({ TableName: tableName, Key: { id }, ConsistentRead: true }),
  );
  return found.Item ? Conversation.parse(found.Item) : undefined;
}

/** A takeover (or a release) refused while a message is going out, with when to try again. */
function effectInFlight(id: string, untilMs: number): ConflictError {
  return new ConflictError(`Conversation ${id}: a message is being sent; try again in a moment`, {
    details: { conversationId: id, reason: 'effect-in-flight', retryAtMs: untilMs },
  });
}

/** A takeover asked against a version the conversation has moved past: someone changed it first. */
function staleVersion(current: Conversation, expectedVersion: number): ConflictError {
  return new ConflictError(
    `Conversation ${current.id} changed (version ${current.version}, not ${expectedVersion}); reload it`,
    {
      details: {
        conversationId: current.id,
        reason: 'stale-version',
        version: current.version,
        state: current.state,
        ownerAgentId: current.ownerAgentId ?? null,
      },
    },
  );
}

/** The update clauses that make a message pending: a set member, the revision, the awaiting-reply index keys. */
function pendingClauses(touch: InboundTouch) {
  const receivedMs = touch.awaitsReply?.receivedMs ?? touch.atMs;
  const entry = encodePendingEntry({ wamid: touch.wamid, receivedMs });
  return {
    set: [
      'pendingSinceMs = if_not_exists(pendingSinceMs, :received)',
      'awaitingPhone = :awaitingPhone',
      'lastPendingReceivedMs = :received',
    ].join(', '),
    add: 'ADD pendingReplies :entry, pendingRevision :one',
    condition: 'NOT contains(settledReplies, :entryText)',
    values: {
      ':received': receivedMs,
      ':awaitingPhone': touch.businessPhoneNumberId,
      ':entry': new Set([entry]),
      ':entryText': entry,
      ':one': 1,
    },
  };
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

  get(id: string): Promise<Conversation | undefined> {
    return readConversation(this.documents, this.tableName, id);
  }

  /**
   * Creates the conversation on the customer's first message (owned by the bot) and moves its
   * 24-hour window forward; a message that needs a reply joins `pendingReplies`. An older message
   * delivered late never moves the window back, but still waits for its answer; a message already
   * answered (a redelivery) is not made pending again.
   */
  async recordInbound(touch: InboundTouch): Promise<Conversation> {
    const id = conversationIdOf(touch.businessPhoneNumberId, touch.customerWaId);
    const pending = touch.awaitsReply ? pendingClauses(touch) : undefined;
    const turn = touch.turn ? appendTurns([touch.turn]) : undefined;
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: [
            `SET ${[
              'businessPhoneNumberId = :phone, customerWaId = :customer',
              'createdAt = if_not_exists(createdAt, :now)',
              '#state = if_not_exists(#state, :bot)',
              'version = if_not_exists(version, :zero)',
              'lastInboundAt = :at, lastInboundAtMs = :atMs, lastInboundWamid = :wamid, lastActivityAtMs = :atMs',
              // The name before this message, so the caller knows whether the contact needs updating.
              'previousProfileName = if_not_exists(customerProfileName, :noName)',
              ...(touch.profileName ? ['customerProfileName = :name'] : []),
              ...(pending ? [pending.set] : []),
              ...(turn ? [turn.set] : []),
            ].join(', ')}`,
            ...(pending ? [pending.add] : []),
          ].join(' '),
          ConditionExpression: [
            '(attribute_not_exists(lastInboundAtMs) OR lastInboundAtMs <= :atMs)',
            ...(pending ? [pending.condition] : []),
          ].join(' AND '),
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
            ':noName': '',
            ...(touch.profileName ? { ':name': touch.profileName } : {}),
            ...pending?.values,
            ...turn?.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return await this.trimmed(Conversation.parse(updated.Attributes));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.recordLateInbound(id, pending, turn, error);
    }
  }

  /**
   * Cuts a long transcript back to its most recent turns. Only the oldest are removed, and only if
   * nothing was removed meanwhile (appends at the end may still happen), so no new turn is lost.
   */
  private async trimmed(conversation: Conversation): Promise<Conversation> {
    const length = conversation.recentTurns?.length ?? 0;
    if (length <= turnsBeforeTrim) return conversation;
    const drop = length - turnsKept;
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: conversation.id },
          // Highest index first: DynamoDB removes by the original positions, dynalite one by one.
          UpdateExpression: `REMOVE ${Array.from({ length: drop }, (_, index) => `recentTurns[${drop - 1 - index}]`).join(', ')}`,
          ConditionExpression: 'size(recentTurns) >= :length',
          ExpressionAttributeValues: { ':length': length },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return { ...conversation, recentTurns: conversation.recentTurns?.slice(drop) ?? [] };
  }

  /**
   * A message older than the latest one (or a redelivery): the window stays where it is, and the
   * message waits for an answer unless it already has one.
   */
  private async recordLateInbound(
    id: string,
    pending: ReturnType<typeof pendingClauses> | undefined,
    turn: ReturnType<typeof appendTurns> | undefined,
    original: Error,
  ): Promise<Conversation> {
    if (pending) {
      try {
        const updated = await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id },
            UpdateExpression: `SET ${[pending.set, ...(turn ? [turn.set] : [])].join(', ')} ${pending.add}`,
            ConditionExpression: `attribute_exists(id) AND ${pending.condition}`,
            ExpressionAttributeValues: { ...pending.values, ...turn?.values },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return await this.trimmed(Conversation.parse(updated.Attributes));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    const current = await this.get(id);
    if (!current) throw original;
    return current;
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
    /** The message as a transcript turn, for the bot's next reading of the conversation. */
    turn?: TranscriptTurn;
  }): Promise<void> {
    const turn = input.turn ? appendTurns([input.turn]) : undefined;
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
          ...(turn ? [turn.set] : []),
        ].join(', '),
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':phone': input.businessPhoneNumberId,
          ':customer': input.customerWaId,
          ':at': input.at,
          ':atMs': input.atMs,
          ':bot': 'bot',
          ':zero': 0,
          ...turn?.values,
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
   * every move bumps `version`: an effect of the bot reserved against an older version can no
   * longer happen (see ReplyCoordination), so a human and the bot never both answer. The bot's own
   * handoff is one of its effects: it happens only if the conversation is still the version the
   * bot read.
   */
  async requestHuman(
    id: string,
    handoff: Readonly<Record<string, unknown>>,
    at: string,
    expectedVersion?: number,
  ): Promise<Conversation> {
    return this.transition(id, {
      set: ['#state = :waiting', 'handoff = :handoff', 'handoffAt = :at'],
      values: {
        ':waiting': 'waiting_for_human',
        ':handoff': handoff,
        ':at': at,
        ':bot': 'bot',
        ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }),
      },
      condition: expectedVersion === undefined ? '#state = :bot' : '#state = :bot AND version = :expected',
      refusal: "the conversation is not the bot's, or changed",
    });
  }

  /**
   * A human agent takes the conversation (from the bot or the waiting queue); taking it again is a
   * no-op. While an effect of the bot is in flight (a reply being sent), the takeover is refused
   * with `effect-in-flight` and when to try again: the two never interleave. With `expectedVersion`
   * (the console's, as the agent saw it) only that version is taken: a stale one is a ConflictError
   * (`stale-version`) and nothing changes.
   */
  async takeover(
    id: string,
    agentId: string,
    at: string,
    nowMs = Date.now(),
    expectedVersion?: number,
  ): Promise<Conversation> {
    const current = await this.get(id);
    if (expectedVersion !== undefined && current && current.version !== expectedVersion)
      throw staleVersion(current, expectedVersion);
    if (current?.state === 'human' && current.ownerAgentId === agentId) return current;
    if (current?.effect && current.effect.untilMs >= nowMs) throw effectInFlight(id, current.effect.untilMs);
    try {
      return await this.transition(id, {
        set: ['#state = :human', 'ownerAgentId = :agent', 'ownerSince = :at'],
        values: {
          ':human': 'human',
          ':agent': agentId,
          ':at': at,
          ':now': nowMs,
          ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }),
        },
        condition: `#state <> :human AND (attribute_not_exists(effect) OR effect.untilMs < :now)${
          expectedVersion === undefined ? '' : ' AND version = :expected'
        }`,
        refusal: `the conversation is already owned by ${current?.ownerAgentId ?? 'another agent'}`,
      });
    } catch (error) {
      // Not owned by a person, so it was an effect of the bot, reserved between the read and the
      // write (and perhaps already over): wait for it, as above, or try again at once.
      const after = error instanceof ConflictError ? await this.get(id) : undefined;
      if (after && expectedVersion !== undefined && after.version !== expectedVersion)
        throw staleVersion(after, expectedVersion);
      if (after && after.state !== 'human') throw effectInFlight(id, after.effect?.untilMs ?? nowMs);
      throw error;
    }
  }

  /**
   * Gives the conversation back to the bot, in a new epoch that starts from the human part's
   * summary: the bot does not re-read the escalation (no handoff loop) and knows what was agreed.
   * What the customer wrote while a person owned it was theirs to answer: it is no longer pending.
   */
  async release(
    id: string,
    agentId: string,
    summary: string,
    at: string,
    nowMs = Date.now(),
  ): Promise<Conversation> {
    try {
      return await this.releaseOnce(id, agentId, summary, at, nowMs);
    } catch (error) {
      // Refused while the owner's reply is going out: the caller waits for it (never bot after person).
      const after = error instanceof ConflictError ? await this.get(id) : undefined;
      // Still theirs: refused for a reply in flight (perhaps ended since): the caller tries again.
      if (after?.state === 'human' && after.ownerAgentId === agentId)
        throw effectInFlight(id, Math.max(after.effect?.untilMs ?? nowMs, nowMs));
      throw error;
    }
  }

  private async releaseOnce(id: string, agentId: string, summary: string, at: string, nowMs: number) {
    return this.transition(id, {
      set: [
        '#state = :bot',
        'ownerAgentId = :none',
        'epoch = if_not_exists(epoch, :zero) + :one',
        'epochStartedAt = :at',
        'humanSummary = :summary',
      ],
      // The handoff belonged to the part a person handled; their summary now carries it forward.
      remove: [
        'pendingReplies',
        'pendingSinceMs',
        'awaitingPhone',
        'replyAwaitingReplay',
        'lease',
        'handoff',
        'handoffAt',
      ],
      values: {
        ':bot': 'bot',
        ':none': null,
        ':zero': 0,
        ':one': 1,
        ':at': at,
        ':summary': summary,
        ':agent': agentId,
        ':waiting': 'waiting_for_human',
        ':human': 'human',
        ':now': nowMs,
      },
      condition:
        '((#state = :human AND ownerAgentId = :agent) OR #state = :waiting) AND (attribute_not_exists(effect) OR effect = :none OR effect.untilMs < :now)',
      refusal: `the conversation is not owned by ${agentId}`,
    });
  }

  /**
   * Marks a person's reply. The first since the conversation was handed over returns how long the
   * customer waited for it (from the handoff); later replies, retries and conversations a person
   * took without a handoff return undefined. The condition makes "first" hold across instances.
   */
  async markHumanReply(id: string, atMs: number): Promise<number | undefined> {
    try {
      const marked = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET lastHumanReplyAt = :at',
          ConditionExpression:
            'attribute_exists(handoffAt) AND (attribute_not_exists(lastHumanReplyAt) OR lastHumanReplyAt < handoffAt)',
          ExpressionAttributeValues: { ':at': new Date(atMs).toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const handoffAtMs = Date.parse(String(marked.Attributes?.handoffAt ?? ''));
      return Number.isFinite(handoffAtMs) ? Math.max(0, atMs - handoffAtMs) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async transition(
    id: string,
    change: {
      set: string[];
      remove?: string[];
      values: Record<string, unknown>;
      condition: string;
      refusal: string;
    },
  ): Promise<Conversation> {
    const remove = change.remove?.length ? ` REMOVE ${change.remove.join(', ')}` : '';
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: `SET ${[...change.set, 'version = version + :step'].join(', ')}${remove}`,
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
    return (await this.pageByState(state, { limit })).conversations;
  }

  /**
   * One page of the `by-state` index, most recent activity first, from `after` (the index key the
   * previous page ended on); `next` is absent on the last page.
   */
  async pageByState(
    state: ConversationState,
    options: { limit: number; after?: Record<string, unknown> | undefined },
  ): Promise<{ conversations: Conversation[]; next?: Record<string, unknown> }> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-state',
        KeyConditionExpression: '#state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state },
        ScanIndexForward: false,
        Limit: options.limit,
        ...(options.after ? { ExclusiveStartKey: options.after } : {}),
      }),
    );
    return {
      conversations: (found.Items ?? []).map((item) => Conversation.parse(item)),
      ...(found.LastEvaluatedKey ? { next: found.LastEvaluatedKey } : {}),
    };
  }

  /** A customer's conversations with either business number (`by-customer` index). */
  async listByCustomer(customerWaId: string, limit = 10): Promise<Conversation[]> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-customer',
        KeyConditionExpression: 'customerWaId = :customer',
        ExpressionAttributeValues: { ':customer': customerWaId },
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
}
