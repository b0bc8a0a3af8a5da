import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { testClients, testConfig, unique } from '../../../../../../test/local-clients.ts';
import { docxWithText, pdfWithText, sampleFiles } from '../../../../../../test/sample-files.ts';
import { loadKbDocuments } from './load-kb-documents.ts';

const config = testConfig();
const { s3 } = testClients();
const bucket = config.buckets.stream.name;
const starter = join(import.meta.dirname, '../../../../../../kb/starter-documents');

describe('loadKbDocuments against the local S3', () => {
  it('loads the seeded Bengali starter documents with their language, their text intact', async () => {
    const { documents } = await loadKbDocuments(s3, bucket, config.buckets.stream.knowledgeBasePrefix);
    const bengaliFiles = readdirSync(starter).filter((file) => /^bn-.*\.md$/.test(file));
    expect(bengaliFiles.length).toBeGreaterThanOrEqual(4);
    for (const file of bengaliFiles) {
      const loaded = documents.find((document) => document.key.endsWith(`/${file}`));
      expect(loaded?.attributes.language, file).toBe('bn');
      expect(loaded?.text, file).toBe(readFileSync(join(starter, file), 'utf8'));
    }
  });

  it('reads a document without a sidecar, or with a broken one, with no attributes', async () => {
    const prefix = `${unique('kb-load')}/`;
    const put = (key: string, body: string) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${key}`, Body: body }));
    await put('bn-note.md', '# নোট\n\nঅফিস শনিবার খোলা।');
    await put('bn-note.md.metadata.json', '{"metadataAttributes":{"language":"bn","title":"নোট"}}');
    await put('plain.md', '# Plain');
    await put('broken.md', '# Broken');
    await put('broken.md.metadata.json', '{not json');
    const { documents } = await loadKbDocuments(s3, bucket, prefix);
    expect(documents.map((document) => [document.key.slice(prefix.length), document.attributes])).toEqual([
      ['bn-note.md', { language: 'bn', title: 'নোট' }],
      ['broken.md', {}],
      ['plain.md', {}],
    ]);
  });

  it('reads the text of HTML, Word and PDF files; reports a file it cannot read and carries on', async () => {
    const prefix = `${unique('kb-formats')}/`;
    const put = (key: string, body: Uint8Array | string) =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${key}`, Body: body }));
    await put(
      'offer.html',
      '<html><head><style>p{}</style></head><body><h2>Diwali offer</h2><p>Logo <b>free</b></p></body></html>',
    );
    await put('closed.docx', docxWithText(['Closed on 2 October', 'Open again on 3 October']));
    await put('hours.pdf', pdfWithText(['Saturday hours: 10 am to 2 pm']));
    await put('old.doc', sampleFiles.compound);
    await put('catalog.json', '{}');
    const { documents, failures } = await loadKbDocuments(s3, bucket, prefix);
    const textOf = (file: string) => documents.find((document) => document.key === `${prefix}${file}`)?.text;
    expect(textOf('offer.html')).toBe('## Diwali offer\n\nLogo free');
    expect(textOf('closed.docx')).toBe('Closed on 2 October\n\nOpen again on 3 October');
    expect(textOf('hours.pdf')).toContain('Saturday hours: 10 am to 2 pm');
    expect(documents).toHaveLength(3);
    expect(failures).toEqual([{ key: `${prefix}old.doc`, reason: expect.stringContaining('old.doc') }]);
  });
});
