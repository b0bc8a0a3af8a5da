import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors/app-errors.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { CatalogStore, publishCatalog } from './catalog-store.ts';
import { priceBreakdown, rupees } from './price-breakdown.ts';
import { priceListDocument } from './price-list-document.ts';
import {
  starterCatalogFile,
  starterDocumentsDirectory,
  starterPriceLists,
} from './render-starter-price-lists.ts';
import { findService, parseServiceCatalog, type ServiceCatalog } from './service-catalog.ts';

const starterText = readFileSync(starterCatalogFile, 'utf8');
const starter = parseServiceCatalog(starterText);

function service(id: string) {
  const found = findService(starter, id);
  if (!found) throw new Error(`${id} is not in the starter catalog`);
  return found;
}

describe('the service catalog', () => {
  it('is the source of the starter price lists: the committed documents are exactly what it generates', () => {
    for (const document of starterPriceLists()) {
      expect(readFileSync(join(starterDocumentsDirectory, document.file), 'utf8')).toBe(document.markdown);
      expect(
        JSON.parse(readFileSync(join(starterDocumentsDirectory, `${document.file}.metadata.json`), 'utf8')),
      ).toEqual(document.metadata);
    }
  });

  it('states each price in the heading of its section, with the total after GST', () => {
    const english = priceListDocument(starter, 'en', { sample: true }).markdown;
    expect(english).toContain('## Website Starter — ₹14,999 (one time)');
    expect(english).toContain('With 18% GST: ₹17,698.82.');
    const bengali = priceListDocument(starter, 'bn', { sample: true }).markdown;
    expect(bengali).toContain('## ওয়েবসাইট স্টার্টার — ₹14,999 (এককালীন)');
    expect(bengali).toContain('## GST ফাইলিং সহায়তা — ₹1,499 প্রতি ফাইলিং');
  });

  it('computes GST in whole paise, rounding halves up, and the total from it', () => {
    expect(priceBreakdown(starter, service('website-starter'))).toEqual({
      serviceId: 'website-starter',
      pricePaise: 1_499_900,
      gstRateBasisPoints: 1800,
      gstPaise: 269_982,
      totalPaise: 1_769_882,
    });
    const odd: ServiceCatalog = {
      ...starter,
      services: [
        { ...service('gst-filing'), pricePaise: 25 },
        { ...service('website-starter'), pricePaise: 24 },
      ],
    };
    // 25 × 18 % = 4.5 paise → 5; 24 × 18 % = 4.32 paise → 4.
    expect(priceBreakdown(odd, odd.services[0] as never).gstPaise).toBe(5);
    expect(priceBreakdown(odd, odd.services[1] as never).gstPaise).toBe(4);
    expect(rupees(1_769_882)).toBe('₹17,698.82');
  });

  it('refuses a catalog with a repeated id, a fractional price or a missing language, naming each problem', () => {
    const repeated = JSON.parse(starterText) as { services: Array<Record<string, unknown>> };
    repeated.services[1] = { ...repeated.services[1], id: repeated.services[0]?.id };
    expect(() => parseServiceCatalog(JSON.stringify(repeated))).toThrow(/services\.1\.id: repeats the id/);
    const broken = JSON.parse(starterText) as { services: Array<Record<string, unknown>> };
    broken.services[2] = { ...broken.services[2], pricePaise: 999.5 };
    broken.services[3] = { ...broken.services[3], name: { en: 'Care', hi: 'केयर' } };
    let error: unknown;
    try {
      parseServiceCatalog(JSON.stringify(broken));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message).toContain('services.2.pricePaise');
    expect(message).toContain('services.3.name.bn');
    expect(() => parseServiceCatalog('{ not json')).toThrow(ValidationError);
  });

  it('is published to S3 with its price lists, read back through the store, and cached for a minute', async () => {
    const key = `${unique('catalog')}/services.json`;
    const config = testConfig({ WECARE_CATALOG_KEY: key, WECARE_KB_PREFIX: `${unique('kb')}/` });
    const clients = testClients();
    let nowMs = 1_000_000;
    const store = new CatalogStore(
      clients.s3,
      { bucket: config.buckets.stream.name, key },
      { cacheMs: 60_000, now: () => nowMs },
    );
    await expect(store.current()).rejects.toThrow(/no service catalog/);
    await publishCatalog(clients.s3, config, starterText, { sample: false });
    expect(await store.current()).toEqual(starter);

    const cheaper = JSON.parse(starterText) as ServiceCatalog;
    (cheaper.services[1] as { pricePaise: number }).pricePaise = 1_299_900;
    await publishCatalog(clients.s3, config, JSON.stringify(cheaper), { sample: false });
    expect(findService(await store.current(), 'website-starter')?.pricePaise).toBe(1_499_900);
    nowMs += 60_001;
    expect(findService(await store.current(), 'website-starter')?.pricePaise).toBe(1_299_900);
    await expect(publishCatalog(clients.s3, config, '{"currency":"USD"}', { sample: false })).rejects.toThrow(
      ValidationError,
    );
    expect(findService(await store.current(), 'website-starter')?.pricePaise).toBe(1_299_900);
  });
});
