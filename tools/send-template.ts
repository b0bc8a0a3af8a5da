import * as z from 'zod';
import type { WhatsAppSender } from '#channels/whatsapp/outbound/whatsapp-sender.ts';
import type { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import type { Config } from '#core/config/config-schema.ts';
import { ForbiddenError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';
import type { CustomerActionLimits } from '#core/stores/customer-action-limits.ts';
import type { AgentTool } from './agent-tool.ts';
import { refusedOverLimit } from './limit-refusal.ts';

const Input = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/)
    .describe('An approved template name from the catalog, e.g. "appointment_reminder".'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/)
    .default('en_US')
    .describe('Template language, e.g. "en_US" or "hi".'),
  bodyParameters: z
    .array(z.string().min(1).max(1024))
    .max(20)
    .default([])
    .describe('Values for {{1}}, {{2}}… in order.'),
});
type Input = z.infer<typeof Input>;

/**
 * send_template: an approved template to the customer in this conversation, from the number they
 * wrote to. Utility templates only (the agent does not send marketing), and only those the
 * configuration gives the agent (`agent.botTemplates`): a template carrying an amount or a link
 * would let the model set a price or send a link of its own.
 */
export function sendTemplateTool(dependencies: {
  sender: WhatsAppSender;
  templates: TemplateCatalog;
  config: Config;
  limits: CustomerActionLimits;
  audit: AuditStore;
}): AgentTool<Input> {
  const { sender, templates, config, limits, audit } = dependencies;
  const mayBeSentByBot = (name: string) => config.agent.botTemplates.includes(name);
  return {
    name: 'send_template',
    description: `Send an approved WhatsApp template to this customer. Approved: ${templates
      .all()
      .filter((template) => template.category !== 'MARKETING' && mayBeSentByBot(template.name))
      .map(
        (template) =>
          `${template.name} (${template.language}, ${template.bodyParameters} parameters: ${template.description})`,
      )
      .join('; ')}.`,
    input: Input,
    authorize(_context, input) {
      const template = templates.find(input.name, input.language);
      if (!template)
        throw new ForbiddenError(`${input.name} (${input.language}) is not an approved template`);
      if (template.category === 'MARKETING')
        throw new ForbiddenError('The agent does not send marketing templates');
      if (!mayBeSentByBot(template.name))
        throw new ForbiddenError(
          `${input.name} is sent by the platform from its own records (it carries an amount, an invoice or a link), not by the agent`,
        );
      return input;
    },
    async execute(context, input) {
      const { conversation } = context;
      const key = `template:${context.requestId}:${input.name}`;
      const sent = await context.effects.run(key, async () => {
        // Counted before the send; a retried step may count twice, which errs on the side of refusing.
        const allowed = await limits.take(
          conversation.customerWaId,
          'template',
          config.agent.templatesPerCustomerPerHour,
          context.now.getTime(),
        );
        if (!allowed) return undefined;
        return sender.send({
          idempotencyKey: key,
          from: conversation.businessPhoneNumberId,
          to: conversation.customerWaId,
          content: {
            type: 'template',
            name: input.name,
            language: input.language,
            body: input.bodyParameters.map((text) => ({ type: 'text', text })),
          },
          sentBy: { kind: 'bot' },
        });
      });
      if (!sent)
        return refusedOverLimit(audit, context, {
          tool: 'send_template',
          limit: 'templates-per-hour',
          message: 'Too many templates for this customer this hour.',
        });
      return { ok: true, data: { sent: true, wamid: sent.wamid } };
    },
  };
}
