import '#core/aws/clients/s3.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { TemplateCatalog } from './template-catalog.ts';
import { readSyncedTemplates, type SyncedTemplates } from './template-sync.ts';

/** The templates a business number may send: its WABA's approved ones. */
export interface NumberTemplates {
  forWaba(awsWabaId: string): Promise<TemplateCatalog>;
}

/**
 * The approved templates of a WABA from the synced catalog (read from S3, cached a minute); before
 * the first sync, the bundled catalog. A synced template keeps the bundled one's description (what
 * each parameter is), which Meta does not hold.
 */
export function syncedNumberTemplates(
  config: Config,
  clients: AwsClients,
  options: { cacheMs?: number; now?: () => number } = {},
): NumberTemplates {
  const bundled = TemplateCatalog.approved();
  let cached: { synced: SyncedTemplates | undefined; readAtMs: number } | undefined;
  const now = options.now ?? Date.now;
  return {
    async forWaba(awsWabaId) {
      if (!cached || now() - cached.readAtMs >= (options.cacheMs ?? 60_000))
        cached = { synced: await readSyncedTemplates(config, clients), readAtMs: now() };
      const account = cached.synced?.accounts.find((candidate) => candidate.wabaId === awsWabaId);
      if (!cached.synced) return bundled;
      return new TemplateCatalog(
        (account?.templates ?? [])
          .filter((template) => template.status === 'APPROVED')
          .map(({ status: _status, metaTemplateId: _id, ...template }) => ({
            ...template,
            description: bundled.find(template.name, template.language)?.description || template.description,
          })),
      );
    },
  };
}

/** One catalog for every number (tests, and tools given a fixed catalog). */
export const sameTemplatesForEveryNumber = (catalog: TemplateCatalog): NumberTemplates => ({
  forWaba: async () => catalog,
});
