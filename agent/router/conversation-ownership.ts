import { DailyStats } from '#core/stats/daily-stats.ts';
import '#core/aws/clients/dynamodb.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { ConflictError, ConversationChangedError } from '#core/errors/app-errors.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import type { Conversation, ConversationState } from '#core/stores/conversation.ts';
import { ConversationStore } from '#core/stores/conversation-store.ts';

/**
 * Who answers a conversation: the bot, the queue of human agents, or one agent. Every change is a
 * conditional write (ConversationStore) and is audited; a conversation that starts waiting for a
 * human records a notification for the human agents (the console shows them).
 */
export class ConversationOwnership {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly audit: AuditStore,
    /** The dashboard's counters: each handoff counted with its reason (the Knowledge Base's gaps). */
    private readonly stats?: Pick<DailyStats, 'count'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static from(config: Config, clients: AwsClients): ConversationOwnership {
    return new ConversationOwnership(
      new ConversationStore(clients.documents, config.tables.conversations),
      new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays),
      DailyStats.fromConfig(config, clients.documents),
    );
  }

  list(state: ConversationState, limit?: number): Promise<Conversation[]> {
    return this.conversations.listByState(state, limit);
  }

  /**
   * The bot hands the conversation to the human agents. With `expectedVersion`, only if nobody
   * changed it since the bot read it: a person who took over meanwhile wins, and the bot's answer
   * ends (ConversationChangedError).
   */
  async requestHuman(
    conversationId: string,
    handoff: { reason: string; summary: string } & Record<string, unknown>,
    expectedVersion?: number,
  ): Promise<Conversation> {
    const at = this.now().toISOString();
    let conversation: Conversation;
    try {
      conversation = await this.conversations.requestHuman(conversationId, handoff, at, expectedVersion);
    } catch (error) {
      if (expectedVersion !== undefined && error instanceof ConflictError)
        throw new ConversationChangedError(error.message, { details: error.details ?? {} });
      throw error;
    }
    // Counted once: the transition above happens once (only from the bot's state).
    await this.stats?.count({ kind: 'handoff', reason: handoff.reason });
    await this.audit.record({
      actorId: 'bot',
      action: 'request-human',
      conversationId,
      details: { reason: handoff.reason },
    });
    await this.audit.record({
      actorId: 'system',
      action: 'notify-human-agents',
      conversationId,
      details: { reason: handoff.reason, summary: handoff.summary },
    });
    return conversation;
  }

  /**
   * A human agent takes the conversation. If the bot is in the middle of an effect (a reply being
   * sent), the takeover waits for it to end, at most the effect's hold: the two never interleave,
   * and the agent is not bounced for a race they cannot see. With `expectedVersion` (what the
   * agent saw), a conversation that changed since is refused (ConflictError) and left as it is.
   */
  async takeover(conversationId: string, agentId: string, expectedVersion?: number): Promise<Conversation> {
    const conversation = await this.waitForEffects(() =>
      this.conversations.takeover(
        conversationId,
        agentId,
        this.now().toISOString(),
        this.now().getTime(),
        expectedVersion,
      ),
    );
    await this.audit.record({
      actorId: agentId,
      action: 'takeover',
      conversationId,
      details: { version: conversation.version },
    });
    return conversation;
  }

  private async waitForEffects<T>(attempt: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        const retryAtMs = error instanceof ConflictError ? error.details?.retryAtMs : undefined;
        if (typeof retryAtMs !== 'number') throw error;
        const waitMs = Math.min(250, Math.max(20, retryAtMs - this.now().getTime()));
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** Gives the conversation back to the bot; waits for the owner's reply in flight, as a takeover waits for the bot's. */
  async release(conversationId: string, agentId: string, summary: string): Promise<Conversation> {
    const conversation = await this.waitForEffects(() =>
      this.conversations.release(
        conversationId,
        agentId,
        summary,
        this.now().toISOString(),
        this.now().getTime(),
      ),
    );
    await this.audit.record({
      actorId: agentId,
      action: 'release',
      conversationId,
      details: { epoch: conversation.epoch ?? 0 },
    });
    return conversation;
  }
}
