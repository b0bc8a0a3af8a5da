import { z } from 'zod';
import { parseInput } from '../../request-body.ts';
import { AwsServiceError, type Operation } from '../../stand-in-api.ts';
import accountTemplates from './account-templates.json' with { type: 'json' };

/** A template as Meta holds it (its JSON is what GetWhatsAppMessageTemplate returns as a string). */
interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  components: unknown[];
}

const templatesByMetaWaba = accountTemplates.accounts as Record<string, MetaTemplate[]>;

const ListTemplatesInput = z.object({
  id: z.string().min(1),
  maxResults: z.coerce.number().int().min(1).max(100).default(10),
  nextToken: z.string().optional(),
});
const GetTemplateInput = z.object({
  id: z.string().min(1),
  metaTemplateId: z.string().min(1).optional(),
  templateName: z.string().optional(),
  templateLanguageCode: z.string().optional(),
});

/**
 * The account's message templates, as EUM Social serves them: ListWhatsAppMessageTemplates
 * (summaries: name, Meta id, status, quality, language, category; paginated) and
 * GetWhatsAppMessageTemplate (the template as Meta's JSON, in a string), for a linked WABA.
 */
export function templateOperations(
  accountOrFail: (wabaId: string) => { metaWabaId: string },
  ratePerSecond: number,
  throttle: (operation: string, rate: number) => void,
): Operation[] {
  const templatesOf = (wabaId: string) => templatesByMetaWaba[accountOrFail(wabaId).metaWabaId] ?? [];
  return [
    {
      name: 'ListWhatsAppMessageTemplates',
      method: 'GET',
      path: '/v1/whatsapp/template/list',
      handle(request) {
        const input = parseInput(Object.fromEntries(request.query), ListTemplatesInput);
        throttle('ListWhatsAppMessageTemplates', ratePerSecond);
        const templates = templatesOf(input.id);
        const start = input.nextToken
          ? Number(Buffer.from(input.nextToken, 'base64url').toString().slice(7))
          : 0;
        if (!Number.isInteger(start) || start < 0)
          throw new AwsServiceError('ValidationException', 400, 'nextToken is not valid');
        const page = templates.slice(start, start + input.maxResults).map((template) => ({
          templateName: template.name,
          metaTemplateId: template.id,
          templateStatus: template.status,
          templateQualityScore: template.status === 'APPROVED' ? 'GREEN' : 'UNKNOWN',
          templateLanguage: template.language,
          templateCategory: template.category,
        }));
        const next = start + input.maxResults;
        return {
          body: {
            templates: page,
            ...(next < templates.length
              ? { nextToken: Buffer.from(`offset:${next}`).toString('base64url') }
              : {}),
          },
        };
      },
    },
    {
      name: 'GetWhatsAppMessageTemplate',
      method: 'GET',
      path: '/v1/whatsapp/template',
      handle(request) {
        const input = parseInput(Object.fromEntries(request.query), GetTemplateInput);
        throttle('GetWhatsAppMessageTemplate', ratePerSecond);
        const template = templatesOf(input.id).find((candidate) =>
          input.metaTemplateId
            ? candidate.id === input.metaTemplateId
            : candidate.name === input.templateName && candidate.language === input.templateLanguageCode,
        );
        if (!template) throw new AwsServiceError('ResourceNotFoundException', 404, 'Template not found');
        return { body: { template: JSON.stringify(template) } };
      },
    },
  ];
}
