/** Small real files for tests that judge a file by its content. */
export const sampleFiles = {
  /** A 1×1 PNG. */
  png: Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c83a5e0000000049454e44ae426082',
    'hex',
  ),
  /** A one-page PDF (header, catalog, trailer). */
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  ),
  /** The start of a Windows program (`MZ`, then a PE header offset and padding). */
  exe: Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(496)]),
  /** An OLE compound file's header, as old Word, Excel and PowerPoint files begin. */
  compound: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
  /** Plain UTF-8 text in Hindi and English. */
  text: Buffer.from('नमस्ते! Your invoice is attached.\r\nधन्यवाद\n'),
};
