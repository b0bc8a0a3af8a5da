import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../../test/sample-files.ts';
import { detectMediaType } from './detect-media-type.ts';

describe('a file judged by its content, not its name', () => {
  it.each([
    ['a PNG named like a PDF', sampleFiles.png, 'prices.pdf', 'image/png', 'image'],
    ['a PDF named like an image', sampleFiles.pdf, 'photo.png', 'application/pdf', 'document'],
    ['Hindi text', sampleFiles.text, 'note', 'text/plain', 'document'],
    ['an old Word file', sampleFiles.compound, 'Letter.DOC', 'application/msword', 'document'],
  ])('%s is what its content is', async (_case, bytes, name, mimeType, kind) => {
    const { rule } = await detectMediaType(bytes, name);
    expect(rule).toMatchObject({ mimeType, kind });
  });

  it.each([
    ['a program renamed .pdf', sampleFiles.exe, 'invoice.pdf'],
    ['a compound file not named as an Office document', sampleFiles.compound, 'setup.msi'],
    ['binary bytes with no magic number', Buffer.from([0, 1, 2, 3, 0, 255, 254]), 'notes.txt'],
    ['text that is not UTF-8', Buffer.from([0x68, 0xe9, 0x6c, 0x6c, 0x6f]), 'hello.txt'],
    ['nothing', Buffer.alloc(0), 'empty.txt'],
  ])('%s is refused', async (_case, bytes, name) => {
    expect((await detectMediaType(bytes, name)).rule).toBeUndefined();
  });
});
