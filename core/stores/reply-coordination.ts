import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  Conversation,
  type ConversationState,
  encodePendingEntry,
  type PendingEntry,
  pendingEntriesOf,
  type TranscriptTurn,
  transcriptTurn,
} from './conversation.ts';
import { readConversation } from './conversation-store.ts';

const settledForMs = 24 * 60 * 60 * 1000;
const settledToKeep = 200;

/** What the bot may write when it settles the messages it answered. */
export interface SettleInput {
  /** The messages the reply answered (as read when the answer started). */
  entries: readonly PendingEntry[];
  /** The conversation as the settler last read it (saves a read when nothing changed since). */
  snapshot?: Conversation;
  /** Ends the effect reservation with this key. */
  effectKey?: string;
  /** Gives up the answering lease of this owner. */
  leaseOwner?: string;
  /** Further attributes to set in the same write (the bot's memory, what it last replied to). */
  set?: Readonly<Record<string, unknown>>;
  /** Turns to add to the conversation's transcript in the same write (the reply). */
  appendTurns?: readonly TranscriptTurn[];
}

/**
 * How the bot coordinates on a conversation item, every step a single conditional update:
 *
 * 1. `claim`: one job takes the answering lease, only when the conversation is the bot's, has
 *    pending messages, no live lease, and the customer has been quiet for the debounce (or the
 *    oldest message has waited the cap). A duplicate job, or one for a conversation a person owns,
 *    finds the condition false and runs no model.
 * 2. `reserveEffect`: before each effect (a reply, a template, an invoice, a handoff notice), the
 *    bot checks that the conversation is still the state and version it read and that it still
 *    holds the lease, and marks the effect in flight; a takeover waits for it to end.
 * 3. `settle`: the messages answered leave `pendingReplies` for `settledReplies` (a redelivery of
 *    one is then not pending again), the effect and the lease end. Messages that arrived during the
 *    answer stay pending, and the caller learns of them.
 */
export class ReplyCoordination {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The conversation with the lease taken by `owner`, or undefined when it is not this job's to answer now. */
  async claim(
    id: string,
    input: { owner: string; nowMs: number; leaseMs: number; debounceMs: number; capMs: number },
  ): Promise<Conversation | undefined> {
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET lease = :lease',
          ConditionExpression: [
            '#state = :bot',
            'attribute_exists(pendingReplies)',
            '(attribute_not_exists(lease) OR lease = :none OR lease.untilMs < :now)',
            '(lastPendingReceivedMs <= :quietSince OR pendingSinceMs <= :capSince)',
          ].join(' AND '),
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':lease': { owner: input.owner, untilMs: input.nowMs + input.leaseMs },
            ':bot': 'bot',
            ':none': null,
            ':now': input.nowMs,
            ':quietSince': input.nowMs - input.debounceMs,
            ':capSince': input.nowMs - input.capMs,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Conversation.parse(updated.Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Marks an effect in flight, if the conversation is still in `expected` (state and version) and
   * `owner` still holds the lease: `reserved`, or `resumed` when the same effect was already in
   * flight (an earlier attempt of this answer crashed mid-effect: the caller checks what was done).
   * `refused` when a takeover (or another answer) got there first.
   */
  async reserveEffect(
    id: string,
    input: {
      key: string;
      owner: string;
      expected: { state: ConversationState; version: number };
      untilMs: number;
    },
  ): Promise<'reserved' | 'resumed' | 'refused'> {
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET effect = :effect',
          ConditionExpression: '#state = :state AND version = :version AND lease.#owner = :owner',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':effect': { key: input.key, untilMs: input.untilMs },
            ':state': input.expected.state,
            ':version': input.expected.version,
            ':owner': input.owner,
          },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      const before = (updated.Attributes?.effect as { key?: string } | null | undefined)?.key;
      return before === input.key ? 'resumed' : 'reserved';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'refused';
      throw error;
    }
  }

  /**
   * The same guard for a person's reply: marks it in flight only while `agentId` owns the
   * conversation and no other effect is in flight (a retry of the same reply resumes it). A release
   * waits for it, so a reply is never sent after the conversation went back to the bot. `owned`, or
   * `busy` (another of this person's messages is going out: try again at `retryAtMs`), or
   * `not-owner`.
   */
  async reserveOwnerEffect(
    id: string,
    input: { key: string; agentId: string; nowMs: number; untilMs: number },
  ): Promise<{ outcome: 'owned' } | { outcome: 'busy'; retryAtMs: number } | { outcome: 'not-owner' }> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET effect = :effect',
          ConditionExpression: [
            '#state = :human AND ownerAgentId = :agent',
            '(attribute_not_exists(effect) OR effect = :none OR effect.untilMs < :now OR effect.#key = :key)',
          ].join(' AND '),
          ExpressionAttributeNames: { '#state': 'state', '#key': 'key' },
          ExpressionAttributeValues: {
            ':effect': { key: input.key, untilMs: input.untilMs },
            ':human': 'human',
            ':agent': input.agentId,
            ':none': null,
            ':now': input.nowMs,
            ':key': input.key,
          },
        }),
      );
      return { outcome: 'owned' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await readConversation(this.documents, this.tableName, id);
      if (current?.state === 'human' && current.ownerAgentId === input.agentId && current.effect)
        return { outcome: 'busy', retryAtMs: current.effect.untilMs };
      return { outcome: 'not-owner' };
    }
  }

  /** Ends an effect reservation (and, if given, the lease); a no-op when they are no longer these. */
  async release(id: string, input: { effectKey?: string; leaseOwner?: string }): Promise<void> {
    const steps: Array<[string, string, Record<string, unknown>]> = [];
    if (input.effectKey) steps.push(['effect', 'effect.#key = :value', { ':value': input.effectKey }]);
    if (input.leaseOwner) steps.push(['lease', 'lease.#owner = :value', { ':value': input.leaseOwner }]);
    for (const [attribute, condition, values] of steps) {
      try {
        await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id },
            UpdateExpression: `REMOVE ${attribute}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: attribute === 'effect' ? { '#key': 'key' } : { '#owner': 'owner' },
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  /**
   * The answered messages are settled: out of `pendingReplies`, into `settledReplies`; when none
   * is left pending the conversation leaves the awaiting-reply index. Optimistic: the write is
   * conditional on the pending revision it computed from, and re-reads when a message arrived
   * meanwhile. Resolves to the messages still pending (arrived during the answer).
   */
  async settle(id: string, input: SettleInput): Promise<PendingEntry[]> {
    let snapshot = input.snapshot;
    // The first attempt trusts the caller's snapshot and its claims to the lease and the effect (the
    // conditions check them); after a refusal, everything comes from a fresh read.
    let trusted = snapshot !== undefined;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      snapshot ??= await this.read(id);
      if (!snapshot) return [];
      const answered = new Set(input.entries.map(encodePendingEntry));
      const remaining = pendingEntriesOf(snapshot).filter(
        (entry) => !answered.has(encodePendingEntry(entry)),
      );
      const ownsLease =
        input.leaseOwner !== undefined && (trusted || snapshot.lease?.owner === input.leaseOwner);
      const ownsEffect =
        input.effectKey !== undefined && (trusted || snapshot.effect?.key === input.effectKey);
      const set = Object.entries(input.set ?? {});
      const remove = [
        ...(remaining.length === 0 ? ['pendingSinceMs', 'awaitingPhone', 'replyAwaitingReplay'] : []),
        ...(ownsLease ? ['lease'] : []),
        ...(ownsEffect ? ['effect'] : []),
      ];
      const appended = input.appendTurns?.length ? input.appendTurns.map(transcriptTurn) : undefined;
      const setClauses = [
        ...set.map((_, index) => `#set${index} = :set${index}`),
        ...(remaining.length > 0 ? ['pendingSinceMs = :oldest'] : []),
        ...(appended ? ['recentTurns = list_append(if_not_exists(recentTurns, :noTurns), :appended)'] : []),
      ];
      try {
        await this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id },
            UpdateExpression: [
              answered.size > 0 ? 'DELETE pendingReplies :answered ADD settledReplies :answered' : '',
              setClauses.length > 0 ? `SET ${setClauses.join(', ')}` : '',
              remove.length > 0 ? `REMOVE ${remove.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' '),
            ConditionExpression: [
              snapshot.pendingRevision === undefined
                ? 'attribute_not_exists(pendingRevision)'
                : 'pendingRevision = :revision',
              ...(ownsLease ? ['lease.#owner = :owner'] : []),
              ...(ownsEffect ? ['effect.#key = :effectKey'] : []),
            ].join(' AND '),
            ...nonEmpty('ExpressionAttributeNames', {
              ...Object.fromEntries(set.map(([name], index) => [`#set${index}`, name])),
              ...(ownsLease ? { '#owner': 'owner' } : {}),
              ...(ownsEffect ? { '#key': 'key' } : {}),
            }),
            ExpressionAttributeValues: {
              ...(answered.size > 0 ? { ':answered': answered } : {}),
              ...Object.fromEntries(set.map(([, value], index) => [`:set${index}`, value])),
              ...(remaining.length > 0 ? { ':oldest': remaining[0]?.receivedMs } : {}),
              ...(appended ? { ':noTurns': [], ':appended': appended } : {}),
              ...(snapshot.pendingRevision === undefined ? {} : { ':revision': snapshot.pendingRevision }),
              ...(ownsLease ? { ':owner': input.leaseOwner } : {}),
              ...(ownsEffect ? { ':effectKey': input.effectKey } : {}),
            },
          }),
        );
        await this.pruneSettled(id, snapshot);
        return remaining;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        snapshot = undefined;
        trusted = false;
      }
    }
    throw new Error(`Conversation ${id}: could not settle its answered messages after 8 attempts`);
  }

  /** Settled messages are remembered for a day (redeliveries come within hours); the oldest are let go in bulk. */
  private async pruneSettled(id: string, snapshot: Conversation): Promise<void> {
    const settled = [...(snapshot.settledReplies ?? [])];
    if (settled.length < settledToKeep) return;
    const cutoff = Date.now() - settledForMs;
    const old = pendingEntriesOf({ pendingReplies: new Set(settled) }).filter(
      (entry) => entry.receivedMs < cutoff,
    );
    if (old.length === 0) return;
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { id },
        UpdateExpression: 'DELETE settledReplies :old',
        ExpressionAttributeValues: { ':old': new Set(old.map(encodePendingEntry)) },
      }),
    );
  }

  /**
   * The reply to these messages could not be sent and waits in the outbound dead-letter queue:
   * the messages stay pending (the console shows them waiting) and the sweep leaves them to the replay.
   */
  async markReplyAwaitingReplay(id: string, replyKey: string): Promise<void> {
    await this.documents
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: 'SET replyAwaitingReplay = :key',
          ConditionExpression: 'attribute_exists(pendingReplies)',
          ExpressionAttributeValues: { ':key': replyKey },
        }),
      )
      .catch((error: unknown) => {
        // Settled meanwhile (the replay or a later answer got there): nothing is waiting.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /** Conversations of a business number whose oldest pending message was received before `beforeMs`. */
  async waitingSince(businessPhoneNumberId: string, beforeMs: number, limit = 100): Promise<Conversation[]> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'awaiting-reply',
        KeyConditionExpression: 'awaitingPhone = :phone AND pendingSinceMs < :before',
        ExpressionAttributeValues: { ':phone': businessPhoneNumberId, ':before': beforeMs },
        Limit: limit,
      }),
    );
    return (found.Items ?? []).map((item) => Conversation.parse(item));
  }

  private read(id: string): Promise<Conversation | undefined> {
    return readConversation(this.documents, this.tableName, id);
  }
}

/** DynamoDB refuses an empty map of attribute names: leave it out instead. */
function nonEmpty(
  name: 'ExpressionAttributeNames',
  map: Record<string, string>,
): { ExpressionAttributeNames?: Record<string, string> } {
  return Object.keys(map).length > 0 ? { [name]: map } : {};
}
