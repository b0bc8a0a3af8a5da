import * as z from 'zod';
import { maskPhone } from '#core/logger/mask-phone.ts';
import type { ContactStore } from '#core/stores/contact-store.ts';
import type { AgentTool } from './agent-tool.ts';

/** No arguments at all: the only contact this tool can read is the conversation's own customer. */
const Input = z.object({}).strip();
type Input = z.infer<typeof Input>;

/** lookup_contact: what the business has on file for the customer in this conversation. */
export function lookupContactTool(contacts: ContactStore): AgentTool<Input> {
  return {
    name: 'lookup_contact',
    description:
      'Look up what we have on file for the customer in this conversation (their name). Takes no arguments.',
    input: Input,
    authorize: (_context, input) => input,
    async execute(context) {
      const contact = await contacts.findByPhone(context.conversation.customerWaId);
      if (!contact) return { ok: true, data: { found: false } };
      return {
        ok: true,
        data: { found: true, name: contact.name, phone: maskPhone(context.conversation.customerWaId) },
      };
    },
  };
}
