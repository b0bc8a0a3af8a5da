import * as z from 'zod';
import { ValidationError } from '#core/errors/app-errors.ts';

/**
 * The service catalog: the one source of prices. Admins curate it beside the Knowledge Base
 * documents; the price-list documents the Knowledge Base holds are generated from it
 * (price-list-document.ts), and an invoice's amount is computed from it (price-breakdown.ts),
 * never taken from the model or the customer.
 */
export const catalogLanguages = ['en', 'hi', 'bn'] as const;
export type CatalogLanguage = (typeof catalogLanguages)[number];

const localized = (max: number) =>
  z.object(
    Object.fromEntries(
      catalogLanguages.map((language) => [language, z.string().trim().min(1).max(max)]),
    ) as Record<CatalogLanguage, z.ZodString>,
  );

export const ServiceUnit = z.enum(['one-time', 'per-month', 'per-year', 'per-filing']);
export type ServiceUnit = z.infer<typeof ServiceUnit>;

export const CatalogService = z.object({
  /** Stable, lower-case, hyphenated: what the agent's tool and the invoices name. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'id must be lower-case words joined by hyphens' })
    .max(40),
  name: localized(60),
  unit: ServiceUnit,
  /** Before GST, in paise (₹1 = 100 paise); at most ₹1 crore. */
  pricePaise: z.number().int().positive().max(1_000_000_000),
  details: localized(1000),
});
export type CatalogService = z.infer<typeof CatalogService>;

export const ServiceCatalog = z
  .object({
    currency: z.literal('INR'),
    /** GST added to every price, in basis points: 1800 is 18 %. */
    gstRateBasisPoints: z.number().int().min(0).max(2800),
    services: z.array(CatalogService).min(1).max(100),
  })
  .superRefine((catalog, context) => {
    const seen = new Map<string, number>();
    catalog.services.forEach((service, index) => {
      const earlier = seen.get(service.id);
      if (earlier !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['services', index, 'id'],
          message: `repeats the id of service ${earlier + 1} (${service.id})`,
        });
      seen.set(service.id, index);
    });
  });
export type ServiceCatalog = z.infer<typeof ServiceCatalog>;

/** Reads a catalog from its JSON text; every problem is named with its path. */
export function parseServiceCatalog(text: string): ServiceCatalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`The service catalog is not JSON: ${(error as Error).message}`);
  }
  const parsed = ServiceCatalog.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(catalog)'}: ${issue.message}`,
    );
    throw new ValidationError(`The service catalog is not valid: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return parsed.data;
}

export function findService(catalog: ServiceCatalog, id: string): CatalogService | undefined {
  return catalog.services.find((service) => service.id === id);
}
