import type { AwsClients } from '#core/aws/aws-clients.ts';
import type { Config } from '#core/config/config-schema.ts';
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  static from(config: Config, clients: AwsClients): ConversationOwnership {
    return new ConversationOwnership(
      new ConversationStore(clients.documents, config.tables.conversations),
      new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays),
    );
  }

  list(state: ConversationState, limit?: number): Promise<Conversation[]> {
    return this.conversations.listByState(state, limit);
  }

  async requestHuman(
    conversationId: string,
    handoff: { reason: string; summary: string } & Record<string, unknown>,
  ): Promise<Conversation> {
    const at = this.now().toISOString();
    const conversation = await this.conversations.requestHuman(conversationId, handoff, at);
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

  async takeover(conversationId: string, agentId: string): Promise<Conversation> {
    const conversation = await this.conversations.takeover(conversationId, agentId, this.now().toISOString());
    await this.audit.record({
      actorId: agentId,
      action: 'takeover',
      conversationId,
      details: { version: conversation.version },
    });
    return conversation;
  }

  async release(conversationId: string, agentId: string, summary: string): Promise<Conversation> {
    const conversation = await this.conversations.release(
      conversationId,
      agentId,
      summary,
      this.now().toISOString(),
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
