import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from './knowledge-index.ts';

const starter = join(import.meta.dirname, '../../../../../../kb/starter-documents');
const documents = readdirSync(starter)
  .filter((file) => file.endsWith('.md') && file !== 'README.md')
  .map((file) => ({
    key: file,
    uri: `s3://stream.wecare.digital/kb/${file}`,
    text: readFileSync(join(starter, file), 'utf8'),
    revision: file,
    attributes: (
      JSON.parse(readFileSync(join(starter, `${file}.metadata.json`), 'utf8')) as {
        metadataAttributes: Record<string, string>;
      }
    ).metadataAttributes,
  }));
const index = KnowledgeIndex.build(documents);
const top = (question: string) => index.query(question, { limit: 1 })[0];

describe('KnowledgeIndex over the starter documents', () => {
  it.each([
    ['What are your opening hours on Saturday?', 'about-and-hours.md', 'Office hours'],
    ['how much is a website', 'services-and-prices.md', 'Website Starter'],
    ['can I pay with UPI', 'payments.md', 'How to pay'],
    ['वेबसाइट की कीमत क्या है', 'hi-services-and-prices.md', 'वेबसाइट स्टार्टर'],
    ['रिफंड कितने दिन में मिलेगा', 'hi-refunds-and-payments.md', 'रिफंड'],
    ['aapka office kab khulta hai', 'about-and-hours.md', 'Office hours'],
    ['আপনাদের অফিস কখন খোলে?', 'bn-about-and-hours.md', 'অফিসের সময়'],
    ['শনিবার অফিস খোলা থাকে?', 'bn-about-and-hours.md', 'অফিসের সময়'],
    ['রিফান্ড পেতে কত দিন লাগে?', 'bn-refunds-and-cancellations.md', 'রিফান্ড কীভাবে দেওয়া হয়'],
    ['বার্ষিক কেয়ার প্ল্যান বাতিল করলে টাকা ফেরত পাব?', 'bn-refunds-and-cancellations.md', 'বার্ষিক কেয়ার প্ল্যান'],
    ['নগদ টাকায় পেমেন্ট করা যাবে?', 'bn-payments.md', 'কীভাবে পেমেন্ট করবেন'],
    ['টাকা কেটে গেছে কিন্তু পেমেন্ট ব্যর্থ দেখাচ্ছে', 'bn-payments.md', 'ব্যর্থ পেমেন্ট'],
    ['ওয়েবসাইট বানাতে কত দিন লাগবে?', 'bn-faq.md', 'একটা ওয়েবসাইট তৈরি হতে কত দিন লাগে?'],
    ['amar refund kobe pabo?', 'refunds-and-cancellations.md', 'How refunds are paid'],
  ])('answers "%s" from %s', (question, document, heading) => {
    const hit = top(question);
    expect(hit?.chunk.document.key === document || hit?.chunk.headings.join(' ').includes(heading)).toBe(
      true,
    );
    expect(hit?.chunk.headings.join(' ')).toContain(heading);
  });

  it('finds a Bengali passage whatever the keyboard sent: one- or two-code-point nukta, Bengali digits', () => {
    // U+09DF (য়) as one code point, where the documents have য + nukta
    const composed = top('অফিসের সম\u09DF');
    expect(composed?.chunk.headings.at(-1)).toBe('অফিসের সময়');
    const hit = index.query('রিফান্ড ৫ থেকে ৭ কাজের দিন', {
      limit: 1,
      accept: (chunk) => chunk.document.attributes.language === 'bn',
    })[0];
    expect(hit?.chunk.text).toContain('5 থেকে 7 কাজের দিনের মধ্যে');
  });

  it('scores an unrelated question low, whatever its stopwords', () => {
    expect(top('do you sell pizza')?.score ?? 0).toBeLessThan(0.5);
    expect(top('আপনারা কি পিজ্জা বিক্রি করেন?')?.score ?? 0).toBeLessThan(0.5);
    expect(top('What are your opening hours on Saturday?')?.score).toBeGreaterThan(0.8);
  });

  it('filters passages by their document attributes', () => {
    const hindiOnly = index.query('refund', {
      limit: 5,
      accept: (chunk) => chunk.document.attributes.language === 'hi',
    });
    expect(hindiOnly.every((hit) => hit.chunk.document.attributes.language === 'hi')).toBe(true);
    const bengaliOnly = index.query('রিফান্ড', {
      limit: 5,
      accept: (chunk) => chunk.document.attributes.language === 'bn',
    });
    expect(bengaliOnly.length).toBeGreaterThan(0);
    expect(bengaliOnly.every((hit) => hit.chunk.document.key.startsWith('bn-'))).toBe(true);
  });
});
