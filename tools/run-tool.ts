import { AppError, ConversationChangedError, ForbiddenError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { AgentTool, ToolContext, ToolResult } from './agent-tool.ts';

/**
 * Runs a tool call the model asked for: the arguments are parsed with the tool's zod schema (the
 * model's output is untrusted input), bound to the conversation by the tool's policy, then
 * executed. A refused call is audited; any failure comes back to the model as a result it can
 * explain, never as a crash of the agent loop, except a takeover, which ends the answer.
 */
export async function runTool<Input>(
  tool: AgentTool<Input>,
  context: ToolContext,
  args: unknown,
  audit: AuditStore,
): Promise<ToolResult> {
  const parsed = tool.input.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      data: {
        error: 'invalid-arguments',
        message: `${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}`,
      },
    };
  }
  let input: Input;
  try {
    input = tool.authorize(context, parsed.data);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    await audit.record({
      actorId: `tool:${tool.name}`,
      action: 'tool-refused',
      conversationId: context.conversation.id,
      details: { reason: error.message, requestId: context.requestId },
    });
    return { ok: false, data: { error: 'refused', message: error.message } };
  }
  try {
    return await tool.execute(context, input);
  } catch (error) {
    // Not a tool failure for the model to explain: the conversation is no longer the bot's, the answer ends.
    if (error instanceof ConversationChangedError) throw error;
    const message = error instanceof AppError ? error.message : 'The tool failed';
    await audit.record({
      actorId: `tool:${tool.name}`,
      action: 'tool-failed',
      conversationId: context.conversation.id,
      details: { message, requestId: context.requestId },
    });
    return { ok: false, data: { error: error instanceof AppError ? error.code : 'internal', message } };
  }
}
