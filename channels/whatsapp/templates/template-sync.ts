import '#core/aws/clients/s3.ts';
import '#core/aws/clients/social-messaging.ts';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  GetWhatsAppMessageTemplateCommand,
  ListWhatsAppMessageTemplatesCommand,
  type TemplateSummary,
} from '@aws-sdk/client-socialmessaging';
import * as z from 'zod';
import { pacedCall } from '#channels/delivery/paced-call.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { SendPaces } from '#core/rate-limit/send-paces.ts';
import { ApprovedTemplate } from './template-catalog.ts';

/** A template of the account as last synced: what the catalog needs, and Meta's status and id. */
export const SyncedTemplate = ApprovedTemplate.extend({
  status: z.string(),
  metaTemplateId: z.string(),
});
export type SyncedTemplate = z.infer<typeof SyncedTemplate>;

/** The account's templates per WhatsApp Business Account (each number sends its own WABA's). */
export const SyncedTemplates = z.object({
  syncedAt: z.string(),
  accounts: z.array(
    z.object({
      wabaId: z.string(),
      metaWabaId: z.string(),
      name: z.string(),
      templates: z.array(SyncedTemplate),
    }),
  ),
});
export type SyncedTemplates = z.infer<typeof SyncedTemplates>;

/** Meta's template JSON, as GetWhatsAppMessageTemplate returns it: the parts the catalog reads. */
const MetaTemplate = z.looseObject({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  components: z.array(
    z.looseObject({ type: z.string(), format: z.string().optional(), text: z.string().optional() }),
  ),
});

const placeholders = (text: string | undefined) => new Set(text?.match(/\{\{\d+\}\}/g) ?? []).size;

/**
 * Reads every template of every linked WABA from EUM Social (ListWhatsAppMessageTemplates, then
 * GetWhatsAppMessageTemplate for each one's body and parameters) and keeps the result in S3 as the
 * synced catalog. Templates not approved are kept with their status (the console shows them, no
 * one may send them). A template whose JSON cannot be read is left out, named in `skipped`.
 */
export async function syncTemplates(
  config: Config,
  clients: AwsClients,
  now = new Date(),
): Promise<{ catalog: SyncedTemplates; skipped: string[] }> {
  const skipped: string[] = [];
  // Paced below the operations' limit (the stand-in and EUM Social refuse above it) with every other
  // caller: a sync of a few hundred templates takes a minute rather than failing.
  const paces = new SendPaces(config, clients);
  const accounts: SyncedTemplates['accounts'] = [];
  for (const account of config.whatsapp.businessAccounts) {
    const summaries: TemplateSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await pacedCall(
        'ListWhatsAppMessageTemplates',
        () => paces.whatsAppTemplates(),
        () =>
          clients.withoutRetries.socialMessaging.send(
            new ListWhatsAppMessageTemplatesCommand({ id: account.id, maxResults: 100, nextToken }),
          ),
      );
      summaries.push(...(page.templates ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const templates: SyncedTemplate[] = [];
    for (const summary of summaries) {
      const label = `${account.name}: ${summary.templateName ?? '?'} (${summary.templateLanguage ?? '?'})`;
      const found = await pacedCall(
        'GetWhatsAppMessageTemplate',
        () => paces.whatsAppTemplates(),
        () =>
          clients.withoutRetries.socialMessaging.send(
            new GetWhatsAppMessageTemplateCommand({ id: account.id, metaTemplateId: summary.metaTemplateId }),
          ),
      );
      let meta: z.infer<typeof MetaTemplate> | undefined;
      try {
        meta = MetaTemplate.parse(JSON.parse(found.template ?? ''));
      } catch {
        meta = undefined;
      }
      const body = meta?.components.find((component) => component.type === 'BODY')?.text;
      const header = meta?.components.find(
        (component) => component.type === 'HEADER' && component.format === 'TEXT',
      );
      const parsed = SyncedTemplate.safeParse({
        name: meta?.name,
        language: meta?.language,
        category: meta?.category,
        body,
        bodyParameters: placeholders(body),
        headerParameters: placeholders(header?.text),
        description: header?.text ? `Header: ${header.text}` : '',
        status: meta?.status,
        metaTemplateId: summary.metaTemplateId,
      });
      if (parsed.success) templates.push(parsed.data);
      else skipped.push(label);
    }
    accounts.push({ wabaId: account.id, metaWabaId: account.metaWabaId, name: account.name, templates });
  }
  const catalog = { syncedAt: now.toISOString(), accounts };
  await clients.s3.send(
    new PutObjectCommand({
      Bucket: config.buckets.stream.name,
      Key: config.buckets.stream.templatesKey,
      Body: JSON.stringify(catalog, null, 2),
      ContentType: 'application/json',
    }),
  );
  return { catalog, skipped };
}

/** The synced catalog, or undefined before the first sync. */
export async function readSyncedTemplates(
  config: Config,
  clients: AwsClients,
): Promise<SyncedTemplates | undefined> {
  try {
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: config.buckets.stream.name, Key: config.buckets.stream.templatesKey }),
    );
    return SyncedTemplates.parse(JSON.parse((await object.Body?.transformToString('utf-8')) ?? ''));
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}
