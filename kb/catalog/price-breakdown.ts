import type { CatalogService, ServiceCatalog } from './service-catalog.ts';

/** What a customer pays for one unit of a service: the catalog's price, GST on it, and the total. */
export interface PriceBreakdown {
  serviceId: string;
  pricePaise: number;
  gstRateBasisPoints: number;
  gstPaise: number;
  totalPaise: number;
}

/**
 * GST is the price times the rate, rounded to the nearest paisa with halves rounded up (integer
 * arithmetic only: no floating-point rupees anywhere). Whole-rupee prices at 18 % come out exact.
 */
export function priceBreakdown(catalog: ServiceCatalog, service: CatalogService): PriceBreakdown {
  const rate = catalog.gstRateBasisPoints;
  const gstPaise = Math.floor((service.pricePaise * rate + 5_000) / 10_000);
  return {
    serviceId: service.id,
    pricePaise: service.pricePaise,
    gstRateBasisPoints: rate,
    gstPaise,
    totalPaise: service.pricePaise + gstPaise,
  };
}

/** ₹14,999.00 from 1499900 paise (Indian digit grouping). */
export function rupees(paise: number): string {
  return `₹${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** ₹14,999 for whole rupees, ₹14,999.50 otherwise: how a price list states a price. */
export function listedRupees(paise: number): string {
  return paise % 100 === 0 ? `₹${(paise / 100).toLocaleString('en-IN')}` : rupees(paise);
}

/** 18% from 1800 basis points; 12.5% from 1250. */
export function percent(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}
