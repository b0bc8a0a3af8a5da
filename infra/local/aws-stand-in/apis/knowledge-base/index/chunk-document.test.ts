import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk-document.ts';

const document = (text: string) => ({
  key: 'kb/x.md',
  uri: 's3://stream.wecare.digital/kb/x.md',
  text,
  attributes: {},
  revision: 'r1',
});

describe('chunkDocument', () => {
  it('keeps each section with the headings above it', () => {
    const chunks = chunkDocument(
      document('# Refunds\n\nIntro.\n\n## Monthly\n\nCancel any time.\n\n## Annual\n\nWithin 14 days.'),
    );
    expect(chunks.map((chunk) => [chunk.headings, chunk.text])).toEqual([
      [['Refunds'], 'Refunds\n\nIntro.'],
      [['Refunds', 'Monthly'], 'Monthly\n\nCancel any time.'],
      [['Refunds', 'Annual'], 'Annual\n\nWithin 14 days.'],
    ]);
  });

  it('cuts a long section at paragraph boundaries and keeps ids stable', () => {
    const paragraph = 'word '.repeat(150).trim();
    const text = `# Long\n\n${[1, 2, 3].map((n) => `${n} ${paragraph}`).join('\n\n')}`;
    const first = chunkDocument(document(text));
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((chunk) => chunk.text.length <= 1200 + 'Long\n\n'.length)).toBe(true);
    expect(chunkDocument(document(text)).map((chunk) => chunk.chunkId)).toEqual(
      first.map((chunk) => chunk.chunkId),
    );
  });
});
