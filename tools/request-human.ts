import * as z from 'zod';
import type { ConversationOwnership } from '#agent/router/conversation-ownership.ts';
import type { AgentTool } from './agent-tool.ts';

const Input = z.object({
  reason: z
    .enum(['customer-asked', 'out-of-kb', 'policy', 'tool-error'])
    .describe('Why a person should take over.'),
  summary: z
    .string()
    .trim()
    .min(3)
    .max(500)
    .describe('One or two sentences for the human agent: what the customer wants and what was tried.'),
  facts: z
    .record(z.string(), z.string().max(200))
    .default({})
    .describe('Facts collected so far, e.g. {"invoice": "INV-0042"}.'),
  citedSources: z
    .array(z.string().max(200))
    .max(10)
    .default([])
    .describe('Titles of the passages the conversation relied on.'),
});
type Input = z.infer<typeof Input>;

/**
 * request_human: hands the conversation to the human agents (state waiting_for_human, agents
 * notified) with a handoff packet, as a structured call: a handoff is never read out of free text.
 */
export function requestHumanTool(ownership: ConversationOwnership): AgentTool<Input> {
  return {
    name: 'request_human',
    description:
      'Hand this conversation to a human agent: when the customer asks for a person, when no passage supports an answer, when policy needs a person (refunds, complaints), or when a tool failed.',
    input: Input,
    authorize: (_context, input) => input,
    async execute(context, input) {
      // The packet the human agent opens: the model's reason and summary, completed with what the platform knows.
      // Asked twice in one answer: the first handoff stands.
      if (context.effects.expected().state !== 'bot')
        return { ok: true, data: { status: context.effects.expected().state } };
      // The handoff is itself an effect: it happens only if the conversation is still as the bot read it.
      const conversation = await ownership.requestHuman(
        context.conversation.id,
        {
          ...input,
          intent: context.question ?? null,
          citedSources: [...new Set([...input.citedSources, ...(context.sources ?? [])])],
          customerWaId: context.conversation.customerWaId,
          requestId: context.requestId,
          at: context.now.toISOString(),
        },
        context.effects.expected().version,
      );
      context.effects.ownerChanged(conversation);
      return { ok: true, data: { status: conversation.state } };
    },
  };
}
