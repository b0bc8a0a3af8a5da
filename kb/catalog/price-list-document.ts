import { listedRupees, percent, priceBreakdown, rupees } from './price-breakdown.ts';
import type { CatalogLanguage, ServiceCatalog, ServiceUnit } from './service-catalog.ts';

/**
 * The Knowledge Base's price lists, one per language, generated from the catalog so that what the
 * bot reads in the documents and what an invoice charges can never disagree. Each service is one
 * section whose heading carries its price, as retrieval chunks by section.
 */
const wording: Record<
  CatalogLanguage,
  {
    title: string;
    intro: (gst: string) => string;
    units: Record<ServiceUnit, string>;
    withGst: (gst: string, total: string) => string;
  }
> = {
  en: {
    title: 'Services and prices',
    intro: (gst) =>
      `All prices are in Indian rupees (INR) and exclude ${gst} GST, which is added on the invoice.`,
    units: {
      'one-time': '(one time)',
      'per-month': 'per month',
      'per-year': 'per year',
      'per-filing': 'per filing',
    },
    withGst: (gst, total) => `With ${gst} GST: ${total}.`,
  },
  hi: {
    title: 'सेवाएँ और कीमतें',
    intro: (gst) => `सभी कीमतें भारतीय रुपये (INR) में हैं और इनमें ${gst} GST शामिल नहीं है, जो इनवॉइस में जोड़ा जाता है।`,
    units: {
      'one-time': '(एक बार)',
      'per-month': 'प्रति माह',
      'per-year': 'प्रति वर्ष',
      'per-filing': 'प्रति फाइलिंग',
    },
    withGst: (gst, total) => `${gst} GST सहित: ${total}।`,
  },
  bn: {
    title: 'পরিষেবা ও মূল্য',
    intro: (gst) => `সব মূল্য ভারতীয় টাকায় (INR) এবং এতে ${gst} GST অন্তর্ভুক্ত নয়, যা ইনভয়েসে যোগ করা হয়।`,
    units: {
      'one-time': '(এককালীন)',
      'per-month': 'প্রতি মাসে',
      'per-year': 'প্রতি বছরে',
      'per-filing': 'প্রতি ফাইলিং',
    },
    withGst: (gst, total) => `${gst} GST সহ: ${total}।`,
  },
};

export interface GeneratedDocument {
  /** The file name under the Knowledge Base prefix. */
  file: string;
  markdown: string;
  /** Bedrock's metadata file beside it (`<file>.metadata.json`). */
  metadata: { metadataAttributes: Record<string, string | boolean> };
}

export function priceListFile(language: CatalogLanguage): string {
  return language === 'en' ? 'services-and-prices.md' : `${language}-services-and-prices.md`;
}

export function priceListDocument(
  catalog: ServiceCatalog,
  language: CatalogLanguage,
  options: { sample: boolean },
): GeneratedDocument {
  const words = wording[language];
  const gst = percent(catalog.gstRateBasisPoints);
  const sections = catalog.services.map((service) => {
    const { totalPaise } = priceBreakdown(catalog, service);
    return [
      `## ${service.name[language]} — ${listedRupees(service.pricePaise)} ${words.units[service.unit]}`,
      '',
      service.details[language],
      '',
      words.withGst(gst, rupees(totalPaise)),
    ].join('\n');
  });
  return {
    file: priceListFile(language),
    markdown: `# ${words.title}\n\n${words.intro(gst)}\n\n${sections.join('\n\n')}\n`,
    metadata: {
      metadataAttributes: {
        title: words.title,
        language,
        category: 'services',
        sample: options.sample,
        generatedFrom: 'service-catalog',
      },
    },
  };
}
