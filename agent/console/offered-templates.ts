import { findBusinessPhone } from '#channels/whatsapp/business-directory.ts';
import type { TemplateCatalog } from '#channels/whatsapp/templates/template-catalog.ts';
import type { Conversation } from '#core/stores/conversation.ts';
import type { ConsoleDesk } from './console-desk.ts';

/** An approved template the console offers once the 24-hour window has closed, its parameters pre-filled. */
export interface OfferedTemplate {
  name: string;
  language: string;
  category: string;
  body: string;
  description: string;
  /** One per body placeholder, in order: what it is (from the catalog's description) and a value to start from. */
  parameters: Array<{ label: string; value: string }>;
}

/**
 * The approved templates (marketing ones are not offered to a conversation a person is handling),
 * with what the contact record knows filled in: the catalog describes each template's parameters
 * after its colon ("…: customer name, invoice number, amount, link"), and the customer's name goes
 * where it asks for one.
 */
export function offeredTemplates(
  catalog: TemplateCatalog,
  contact: { name: string | null },
): OfferedTemplate[] {
  return catalog
    .all()
    .filter((template) => template.category !== 'MARKETING')
    .map((template) => {
      const labels = parameterLabels(template.description, template.bodyParameters);
      return {
        name: template.name,
        language: template.language,
        category: template.category,
        body: template.body,
        description: template.description,
        parameters: labels.map((label) => ({
          label,
          value: /\bname\b/i.test(label) && contact.name ? contact.name : '',
        })),
      };
    });
}

function parameterLabels(description: string, count: number): string[] {
  const listed = (description.split(':')[1] ?? '')
    .replace(/\.\s*.*$/, '')
    .split(',')
    .map((label) => label.trim())
    .filter(Boolean);
  return Array.from({ length: count }, (_, index) => listed[index] ?? `parameter ${index + 1}`);
}

/** The approved templates of the number a conversation is with (its WABA's). */
export async function templatesOfNumber(
  desk: Pick<ConsoleDesk, 'templates' | 'directory'>,
  conversation: Pick<Conversation, 'businessPhoneNumberId'>,
): Promise<TemplateCatalog> {
  const phone = findBusinessPhone(desk.directory, conversation.businessPhoneNumberId);
  return desk.templates.forWaba(phone?.awsWabaId ?? '');
}
