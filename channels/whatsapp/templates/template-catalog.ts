import * as z from 'zod';
import catalogJson from './approved-templates.json' with { type: 'json' };

/**
 * The message templates approved by Meta for the business's WABAs: the only ones the platform
 * (and the agent's send_template tool) may send. The file is sample content until it is synced
 * from EUM Social's ListWhatsAppMessageTemplates for the real account.
 */
export const ApprovedTemplate = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
  /** The body as approved, with {{1}}… placeholders. */
  body: z.string().min(1),
  bodyParameters: z.number().int().min(0),
  headerParameters: z.number().int().min(0).default(0),
  description: z.string(),
});
export type ApprovedTemplate = z.infer<typeof ApprovedTemplate>;

const Catalog = z.object({ sample: z.boolean(), templates: z.array(ApprovedTemplate).min(1) });

export class TemplateCatalog {
  constructor(private readonly templates: readonly ApprovedTemplate[]) {}

  static approved(): TemplateCatalog {
    return new TemplateCatalog(Catalog.parse(catalogJson).templates);
  }

  find(name: string, language: string): ApprovedTemplate | undefined {
    return this.templates.find((template) => template.name === name && template.language === language);
  }

  all(): readonly ApprovedTemplate[] {
    return this.templates;
  }
}
