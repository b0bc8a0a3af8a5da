import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { TemplateCatalog } from './template-catalog.ts';
import { readSyncedTemplates, type SyncedTemplate } from './template-sync.ts';

/** One business number's templates, as the console's Templates page lists them. */
export interface NumberTemplateList {
  displayNumber: string;
  displayName: string;
  templates: SyncedTemplate[];
}

export interface TemplatesView {
  /** When the account was last read; null: never synced, the bundled sample catalog is shown. */
  syncedAt: string | null;
  numbers: NumberTemplateList[];
}

/**
 * The templates of each business number: its WABA's, from the synced catalog; before the first
 * sync, the bundled catalog (sample content) for every number.
 */
export async function templatesView(config: Config, clients: AwsClients): Promise<TemplatesView> {
  const synced = await readSyncedTemplates(config, clients);
  const bundled = TemplateCatalog.approved()
    .all()
    .map((template) => ({ ...template, status: 'APPROVED', metaTemplateId: '' }));
  return {
    syncedAt: synced?.syncedAt ?? null,
    numbers: config.whatsapp.phoneNumbers.map((phone) => ({
      displayNumber: phone.displayNumber,
      displayName: phone.displayName,
      templates: synced
        ? (synced.accounts.find((account) => account.wabaId === phone.wabaId)?.templates ?? [])
        : bundled,
    })),
  };
}

/** The body with its `{{n}}` filled from `parameters` (an empty one stays visible as `{{n}}`). */
export function previewOf(body: string, parameters: readonly string[]): string {
  return body.replace(
    /\{\{(\d+)\}\}/g,
    (placeholder, index: string) => parameters[Number(index) - 1] || placeholder,
  );
}
