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
  ])('answers "%s" from %s', (question, document, heading) => {
    const hit = top(question);
    expect(hit?.chunk.document.key === document || hit?.chunk.headings.join(' ').includes(heading)).toBe(
      true,
    );
    expect(hit?.chunk.headings.join(' ')).toContain(heading);
  });

  it('scores an unrelated question low, whatever its stopwords', () => {
    expect(top('do you sell pizza')?.score ?? 0).toBeLessThan(0.5);
    expect(top('What are your opening hours on Saturday?')?.score).toBeGreaterThan(0.8);
  });

  it('filters passages by their document attributes', () => {
    const hindiOnly = index.query('refund', {
      limit: 5,
      accept: (chunk) => chunk.document.attributes.language === 'hi',
    });
    expect(hindiOnly.every((hit) => hit.chunk.document.attributes.language === 'hi')).toBe(true);
  });
});
