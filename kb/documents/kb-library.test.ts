import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  TooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#core/errors/app-errors.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { docxWithText, pdfWithText, sampleFiles } from '../../test/sample-files.ts';
import { KnowledgeBaseLibrary } from './kb-library.ts';

// A prefix of its own: these documents must never reach the index the other tests' answers use.
const overrides = { WECARE_KB_PREFIX: `${unique('kb-library')}/knowledge-base/` };
const config = testConfig(overrides);
const clients = testClients(overrides);
const library = KnowledgeBaseLibrary.fromConfig(config, clients);
const fields = { title: 'Office hours', language: 'en', owner: 'Operations' } as const;
const add = (fileName: string, bytes: Uint8Array, requestId = unique('upload')) =>
  library.add({ fileName, bytes, by: 'admin-1', fields, requestId });

/** The stage a file's Bedrock sidecar gives it. */
async function stageOf(key: string): Promise<unknown> {
  const sidecar = await clients.s3.send(
    new GetObjectCommand({ Bucket: config.buckets.stream.name, Key: `${key}.metadata.json` }),
  );
  return JSON.parse((await sidecar.Body?.transformToString()) ?? '{}').metadataAttributes?.stage;
}

async function exists(key: string): Promise<boolean> {
  try {
    await clients.s3.send(new HeadObjectCommand({ Bucket: config.buckets.stream.name, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

describe('KnowledgeBaseLibrary against the local S3 and DocsTable', () => {
  it('takes PDF, Word, HTML, Markdown and text, each judged by its content and stored by its format', async () => {
    const uploads = [
      ['hours.pdf', pdfWithText(['Open 10 to 7']), 'pdf', '.pdf'],
      ['hours.docx', docxWithText(['Open 10 to 7']), 'docx', '.docx'],
      ['hours.doc', sampleFiles.compound, 'doc', '.doc'],
      ['hours.html', Buffer.from('<!DOCTYPE html><h1>Hours</h1><p>Open 10 to 7</p>'), 'html', '.html'],
      ['page.txt', Buffer.from('<html><body><p>Open 10 to 7</p></body></html>'), 'html', '.html'],
      ['hours.md', Buffer.from('# Hours\n\nOpen 10 to 7'), 'markdown', '.md'],
      ['hours.txt', Buffer.from('समय: 10 से 7'), 'text', '.txt'],
      ['prices.md', pdfWithText(['A PDF named .md']), 'pdf', '.pdf'],
    ] as const;
    for (const [fileName, bytes, format, extension] of uploads) {
      const record = await add(fileName, bytes);
      expect([fileName, record.format], fileName).toEqual([fileName, format]);
      expect(record.s3Key.startsWith(`${config.buckets.stream.knowledgeBasePrefix}documents/`)).toBe(true);
      expect(record.s3Key.endsWith(`-v1${extension}`), record.s3Key).toBe(true);
      expect(await exists(record.s3Key)).toBe(true);
      expect(await exists(`${record.s3Key}.metadata.json`)).toBe(true);
      expect(record).toMatchObject({ version: 1, uploadedBy: 'admin-1', sizeBytes: bytes.length, ...fields });
      expect(record.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a program renamed .pdf (415), an empty file (400) and one over 4 MB (413), storing nothing', async () => {
    await expect(add('prices.pdf', sampleFiles.exe)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    await expect(add('photo.md', sampleFiles.png)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    await expect(add('empty.md', new Uint8Array())).rejects.toBeInstanceOf(ValidationError);
    await expect(add('big.txt', Buffer.alloc(4 * 1024 * 1024 + 1, 'a'))).rejects.toBeInstanceOf(
      TooLargeError,
    );
    const requestId = unique('refused');
    await expect(add('prices.pdf', sampleFiles.exe, requestId)).rejects.toBeInstanceOf(
      UnsupportedMediaTypeError,
    );
    // The same request with a good file is a new document: the refusal stored nothing under its id.
    expect((await add('prices.md', Buffer.from('# Prices'), requestId)).version).toBe(1);
  });

  it('makes one document of a retried upload, and refuses another file under the same request', async () => {
    const requestId = unique('retry');
    const first = await add('faq.md', Buffer.from('# FAQ\n\nYes.'), requestId);
    const again = await add('faq.md', Buffer.from('# FAQ\n\nYes.'), requestId);
    expect(again).toEqual(first);
    await expect(add('faq.md', Buffer.from('# FAQ\n\nNo.'), requestId)).rejects.toBeInstanceOf(ConflictError);
  });

  it('replaces a version under a new key, removes the old file, and refuses a stale version (409)', async () => {
    const first = await add('refunds.md', Buffer.from('# Refunds\n\nWithin 7 days.'));
    const second = await library.replace(first.id, {
      fileName: 'refunds.pdf',
      bytes: pdfWithText(['Refunds within 14 days']),
      by: 'admin-2',
      fields: { title: 'Refunds' },
      expectedVersion: 1,
    });
    expect(second).toMatchObject({
      version: 2,
      format: 'pdf',
      title: 'Refunds',
      uploadedBy: 'admin-2',
      owner: 'Operations',
    });
    expect(await exists(second.s3Key)).toBe(true);
    expect(await exists(first.s3Key)).toBe(false);
    expect(await exists(`${first.s3Key}.metadata.json`)).toBe(false);
    // A retry of the same replacement changes nothing; a replacement based on version 1 now conflicts.
    const retried = await library.replace(first.id, {
      fileName: 'refunds.pdf',
      bytes: pdfWithText(['Refunds within 14 days']),
      by: 'admin-2',
      fields: { title: 'Refunds' },
      expectedVersion: 1,
    });
    expect(retried).toEqual(second);
    await expect(
      library.replace(first.id, {
        fileName: 'refunds.md',
        bytes: Buffer.from('# Refunds\n\nWithin 30 days.'),
        by: 'admin-3',
        fields: {},
        expectedVersion: 1,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await library.get(first.id)).version).toBe(2);
  });

  it('deletes a staged document at once; a published one stays in the answers, retiring, until the deletion is published', async () => {
    const staged = await add('draft.md', Buffer.from('# Draft\n\nNever published.'));
    await expect(library.remove(staged.id, { expectedVersion: 2, by: 'admin-1' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await library.remove(staged.id, { expectedVersion: 1, by: 'admin-1' });
    expect(await exists(staged.s3Key)).toBe(false);
    expect(await exists(`${staged.s3Key}.metadata.json`)).toBe(false);
    await expect(library.remove(staged.id, { expectedVersion: 1, by: 'admin-1' })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const record = await add('old.md', Buffer.from('# Old\n\nGone soon.'));
    await library.publish();
    expect(await stageOf(record.s3Key)).toBe('live');
    const removed = await library.remove(record.id, { expectedVersion: 1, by: 'admin-1' });
    expect(removed.deletedAtMs).toBeTypeOf('number');
    await expect(library.get(record.id)).rejects.toBeInstanceOf(NotFoundError);
    // Still in the customers' answers (retiring), out of the staged view, until it is published.
    expect(await stageOf(record.s3Key)).toBe('retiring');
    expect((await library.remove(record.id, { expectedVersion: 1, by: 'admin-1' })).deletedAtMs).toBe(
      removed.deletedAtMs,
    );
    await library.publish();
    expect(await exists(record.s3Key)).toBe(false);
    expect(await exists(`${record.s3Key}.metadata.json`)).toBe(false);
    await library.publish();
    const [kept] = (await library.page({ limit: 100 })).items.filter((each) => each.id === record.id);
    expect(kept?.publishedAtMs).toBeGreaterThanOrEqual(removed.deletedAtMs ?? 0);
    await library.forget(removed);
    await expect(library.remove(record.id, { expectedVersion: 1, by: 'admin-1' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('stages a new version of a published document: customers keep the old one until it is published', async () => {
    const first = await add('hours.md', Buffer.from('# Hours\n\n10 to 7.'));
    await library.publish();
    const second = await library.replace(first.id, {
      fileName: 'hours.md',
      bytes: Buffer.from('# Hours\n\n11 to 7.'),
      by: 'admin-2',
      fields: {},
      expectedVersion: 1,
    });
    expect(second).toMatchObject({ version: 2, stage: 'staged', retiringS3Key: first.s3Key });
    expect([await stageOf(first.s3Key), await stageOf(second.s3Key)]).toEqual(['retiring', 'staged']);
    // Replaced again before publishing: the intermediate version goes, the live one still retires.
    const third = await library.replace(first.id, {
      fileName: 'hours.md',
      bytes: Buffer.from('# Hours\n\n9 to 7.'),
      by: 'admin-2',
      fields: {},
      expectedVersion: 2,
    });
    expect(third).toMatchObject({ version: 3, retiringS3Key: first.s3Key });
    expect(await exists(second.s3Key)).toBe(false);
    const { published } = await library.publish();
    expect(published).toBeGreaterThanOrEqual(1);
    expect(await exists(first.s3Key)).toBe(false);
    expect(await stageOf(third.s3Key)).toBe('live');
    const now = await library.get(first.id);
    expect(now).toMatchObject({ version: 3, stage: 'live' });
    expect(now.retiringS3Key).toBeUndefined();
  });

  it('lists documents newest first through the by-library index, page by page; a forged cursor is a 400', async () => {
    const made = [];
    for (const name of ['one', 'two', 'three']) {
      made.push(await add(`${name}.md`, Buffer.from(`# ${name}`)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await library.page({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const positions = made.map((record) => seen.indexOf(record.id));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));
    await expect(library.page({ limit: 2, cursor: 'eyJpZCI6InggIn0' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('lists the other files under the prefix (starter documents) and deletes one by name, never outside it', async () => {
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.stream.name,
        Key: `${config.buckets.stream.knowledgeBasePrefix}about-and-hours.md`,
        Body: '# About',
      }),
    );
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: config.buckets.stream.name,
        Key: `${config.buckets.stream.knowledgeBasePrefix}about-and-hours.md.metadata.json`,
        Body: '{}',
      }),
    );
    const others = await library.otherFiles();
    expect(others.map((file) => file.name)).toEqual(['about-and-hours.md']);
    expect(others.some((file) => file.name.endsWith('.metadata.json'))).toBe(false);
    await expect(library.removeOtherFile('../catalog/service-catalog.json')).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(library.removeOtherFile('missing.md')).rejects.toBeInstanceOf(NotFoundError);
    await library.removeOtherFile('about-and-hours.md');
    expect(await library.otherFiles()).toEqual([]);
    expect(await exists(`${config.buckets.stream.knowledgeBasePrefix}about-and-hours.md.metadata.json`)).toBe(
      false,
    );
  });
});
