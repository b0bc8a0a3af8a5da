import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { priceListDocument } from './price-list-document.ts';
import { catalogLanguages, parseServiceCatalog } from './service-catalog.ts';

/**
 * `npm run catalog:render`: writes the starter Knowledge Base's price lists (one per language) from
 * the starter catalog. The starter documents are these files; a test fails if they ever differ.
 */
export const starterCatalogFile = join(import.meta.dirname, 'starter-catalog.json');
export const starterDocumentsDirectory = join(import.meta.dirname, '..', 'starter-documents');

export function starterPriceLists() {
  const catalog = parseServiceCatalog(readFileSync(starterCatalogFile, 'utf8'));
  return catalogLanguages.map((language) => priceListDocument(catalog, language, { sample: true }));
}

if (process.argv[1] === import.meta.filename) {
  for (const document of starterPriceLists()) {
    writeFileSync(join(starterDocumentsDirectory, document.file), document.markdown);
    writeFileSync(
      join(starterDocumentsDirectory, `${document.file}.metadata.json`),
      `${JSON.stringify(document.metadata, null, 2)}\n`,
    );
    console.log(`wrote kb/starter-documents/${document.file}`);
  }
}
