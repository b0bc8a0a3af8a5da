import { NotFoundError, ValidationError } from '#core/errors/app-errors.ts';
import type { MessageFlag } from '#core/stores/message-flag-store.ts';
import type { ConsoleDesk } from './console-desk.ts';
import { botAnswers, toolCallsOf } from './conversation-view.ts';

/**
 * A person marks a reply of the bot as wrong. The flag keeps what the evals suite needs to make a
 * case of it: the conversation, the customer's message, the reply, its citations and tool calls.
 */
export async function flagBotReply(
  desk: ConsoleDesk,
  input: { wamid: string; note: string; flaggedBy: string },
): Promise<MessageFlag> {
  const message = await desk.timeline.sent(input.wamid);
  if (!message?.conversationId) throw new NotFoundError(`We sent no message ${input.wamid}`);
  if (message.sentBy?.kind !== 'bot')
    throw new ValidationError("Only the bot's replies can be flagged", { details: { field: 'wamid' } });
  const [answers, conversation] = await Promise.all([
    botAnswers(desk, message.conversationId),
    desk.conversations.get(message.conversationId),
  ]);
  const answered = [message.replyTo, ...(message.answers ?? [])].filter((wamid): wamid is string =>
    Boolean(wamid),
  );
  const question = (conversation?.recentTurns ?? [])
    .filter((turn) => turn.role === 'customer' && answered.includes(turn.wamid))
    .map((turn) => turn.text)
    .join('\n');
  const flag = await desk.flags.save({
    wamid: message.wamid,
    conversationId: message.conversationId,
    reply: message.text,
    question: question || null,
    citations: message.sentBy.citations ?? [],
    toolCalls: toolCallsOf(message, answers) ?? [],
    note: input.note,
    flaggedBy: input.flaggedBy,
  });
  await desk.audit.record({
    actorId: input.flaggedBy,
    action: 'bot-reply-flagged',
    conversationId: message.conversationId,
    details: { wamid: message.wamid, flagId: flag.id, note: input.note },
  });
  return flag;
}
