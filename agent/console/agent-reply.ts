import { WindowClosedError } from '#channels/whatsapp/outbound/outbound-errors.ts';
import { AppError, ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import type { ConsoleDesk } from './console-desk.ts';
import { customerName } from './conversation-view.ts';
import { windowOf } from './inbox-item.ts';
import { type OfferedTemplate, offeredTemplates, templatesOfNumber } from './offered-templates.ts';
import type { Attachment } from './reply-attachment.ts';

export type AgentReply =
  | { text: string }
  | { template: { name: string; language: string; parameters: string[] } }
  | { file: Attachment; caption?: string | undefined };

/**
 * A text reply after the 24-hour window has closed: WhatsApp would refuse it, so the console
 * refuses it first and offers the approved templates, filled in from the contact, instead.
 */
export class ReplyWindowClosedError extends AppError {
  readonly code = 'window-closed';
  readonly httpStatus = 409;
  readonly disposition = 'drop';

  constructor(
    readonly closedAtMs: number | null,
    readonly templates: OfferedTemplate[],
  ) {
    super(
      closedAtMs === null
        ? 'The customer has never written to this number: only an approved template can start the conversation.'
        : `The 24-hour window closed at ${new Date(closedAtMs).toISOString()}: send one of the approved templates instead.`,
    );
  }
}

/**
 * A human agent's reply: only the person who owns the conversation may send one; a text only while
 * the 24-hour window is open. `requestId` names the reply (the page makes one per submission), so
 * a repeated request sends it once. Audited with the agent's user name.
 */
export async function replyAsAgent(
  desk: ConsoleDesk,
  input: { conversationId: string; agentId: string; requestId: string; reply: AgentReply },
  nowMs = Date.now(),
): Promise<{ wamid: string }> {
  const conversation = await ownedConversation(desk, input.conversationId, input.agentId);
  const window = windowOf(conversation, nowMs);
  const windowClosed = async () =>
    new ReplyWindowClosedError(
      window.closesAtMs,
      offeredTemplates(await templatesOfNumber(desk, conversation), {
        name: await customerName(desk, conversation),
      }),
    );
  if (!('template' in input.reply) && !window.open) throw await windowClosed();
  const content = contentOf(input.reply);
  const idempotencyKey = `agent-reply:${conversation.id}:${input.requestId}`;
  // The guard at the effect: the send goes out only while this person still owns the conversation,
  // and a release (or a second reply) waits until it has.
  await reserveOwnerEffect(desk, conversation.id, input.agentId, idempotencyKey);
  let wamid: string;
  try {
    ({ wamid } = await desk.sender.send({
      idempotencyKey,
      from: conversation.businessPhoneNumberId,
      to: conversation.customerWaId,
      content,
      sentBy: { kind: 'agent', agentId: input.agentId },
    }));
  } catch (error) {
    // The window closed between the read and the send.
    if (error instanceof WindowClosedError) throw await windowClosed();
    throw error;
  } finally {
    await desk.coordination.release(conversation.id, { effectKey: idempotencyKey });
  }
  const waitMs = await desk.conversations.markHumanReply(conversation.id, Date.now());
  if (waitMs !== undefined) await desk.stats.count({ kind: 'human-reply', waitMs });
  await desk.audit.record({
    actorId: input.agentId,
    action: 'agent-reply',
    conversationId: conversation.id,
    details: {
      wamid,
      kind: content.type,
      ...(content.type === 'template' ? { template: content.name } : {}),
      ...('file' in input.reply ? { file: input.reply.file.filename, bytes: input.reply.file.bytes } : {}),
    },
  });
  return { wamid };
}

/** Reserves the reply on the conversation, waiting (at most the effect hold) for one already going out. */
async function reserveOwnerEffect(
  desk: ConsoleDesk,
  conversationId: string,
  agentId: string,
  key: string,
): Promise<void> {
  const holdMs = desk.config.agent.effectHoldMs;
  const giveUpAtMs = Date.now() + holdMs;
  for (;;) {
    const nowMs = Date.now();
    const reserved = await desk.coordination.reserveOwnerEffect(conversationId, {
      key,
      agentId,
      nowMs,
      untilMs: nowMs + holdMs,
    });
    if (reserved.outcome === 'owned') return;
    if (reserved.outcome === 'not-owner' || nowMs > giveUpAtMs)
      throw new ConflictError('The conversation is no longer yours: it was released or taken over', {
        details: { reason: 'not-owner' },
      });
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(250, Math.max(20, reserved.retryAtMs - nowMs))),
    );
  }
}

function contentOf(reply: AgentReply) {
  if ('text' in reply) return { type: 'text' as const, body: reply.text };
  if ('file' in reply)
    return {
      type: reply.file.kind,
      s3Key: reply.file.s3Key,
      // WhatsApp shows a document's file name; stickers, audio and video take no caption.
      ...(reply.file.kind === 'document' ? { filename: reply.file.filename } : {}),
      ...(reply.caption && ['image', 'video', 'document'].includes(reply.file.kind)
        ? { caption: reply.caption }
        : {}),
    };
  return {
    type: 'template' as const,
    name: reply.template.name,
    language: reply.template.language,
    body: reply.template.parameters.map((text) => ({ type: 'text' as const, text })),
  };
}

/** The conversation, if this person handles it now; otherwise a 404 or a 409 saying who does. */
export async function ownedConversation(desk: ConsoleDesk, conversationId: string, agentId: string) {
  const conversation = await desk.conversations.get(conversationId);
  if (!conversation) throw new NotFoundError(`There is no conversation ${conversationId}`);
  if (conversation.state !== 'human' || conversation.ownerAgentId !== agentId)
    throw new ConflictError(
      conversation.state === 'human'
        ? `${conversation.ownerAgentId ?? 'Another agent'} is handling this conversation`
        : 'Take the conversation over before replying',
      { details: { reason: 'not-owner', state: conversation.state } },
    );
  return conversation;
}
