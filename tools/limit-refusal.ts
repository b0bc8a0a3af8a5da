import type { AuditStore } from '#core/stores/audit-store.ts';
import type { ToolContext, ToolResult } from './agent-tool.ts';

/** A tool refused because the customer's hourly limit is used up: audited, and told to the model. */
export async function refusedOverLimit(
  audit: AuditStore,
  context: ToolContext,
  refusal: { tool: string; limit: string; message: string },
): Promise<ToolResult> {
  await audit.record({
    actorId: `tool:${refusal.tool}`,
    action: 'tool-refused',
    conversationId: context.conversation.id,
    details: { reason: refusal.limit, requestId: context.requestId },
  });
  return { ok: false, data: { error: 'limit-reached', message: refusal.message } };
}
