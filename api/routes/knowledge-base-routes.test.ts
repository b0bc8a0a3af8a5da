import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { NotFoundError } from '#core/errors/app-errors.ts';
import { CatalogStore } from '#kb/catalog/catalog-store.ts';
import { bearer, callerOf, staffUsers, tokensOf } from '../../test/console-staff.ts';
import { newCustomerWaId } from '../../test/inbound-helpers.ts';
import { testClients, testConfig, unique } from '../../test/local-clients.ts';
import { sampleFiles } from '../../test/sample-files.ts';
import { botReplies, say } from '../../test/simulator-chat.ts';

const config = testConfig();
const clients = testClients();
const dependencies = consoleDependencies(config, clients);
const app = consoleApp(dependencies);
const call = callerOf(app);
// A catalog and Knowledge Base prefix of their own for the tests that ingest nothing: the prices
// and documents other tests' answers rest on stay as they are.
const overrides = {
  WECARE_CATALOG_KEY: `test/${unique('catalog')}/service-catalog.json`,
  WECARE_KB_PREFIX: `test/${unique('kb')}/`,
};
const own = testConfig(overrides);
const ownApp = consoleApp(consoleDependencies(own, testClients(overrides)));
const ownCall = callerOf(ownApp);

type Job = { id: string; status: string; statistics: { scanned: number } };
type Listed = {
  documents: Array<{ id: string; title: string; version: number; status: { state: string } }>;
  jobs: Job[];
  otherFiles: Array<{ name: string }>;
};

async function upload(
  token: string,
  fields: Record<string, string>,
  file: File,
  options: { method?: string; path?: string; to?: typeof app } = {},
) {
  const form = new FormData();
  form.set('file', file);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return (options.to ?? app).request(options.path ?? '/api/knowledge-base/documents', {
    method: options.method ?? 'POST',
    headers: { ...bearer(token), accept: 'application/json' },
    body: form,
  });
}

/** Starts an ingestion once none is running (other tests share the Knowledge Base), and follows it to its end. */
async function ingest(
  token: string,
  body: { publish?: boolean; documentIds?: string[] } = {},
  caller = call,
): Promise<Job> {
  const requestId = crypto.randomUUID();
  let started: Response | undefined;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    started = await caller(token, 'POST', '/api/knowledge-base/ingestions', { requestId, ...body });
    if (started.status !== 409) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(started?.status).toBe(202);
  let job = (await started?.json()) as Job;
  while (job.status === 'STARTING' || job.status === 'IN_PROGRESS') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = (await (await caller(token, 'GET', `/api/knowledge-base/ingestions/${job.id}`)).json()) as Job;
  }
  return job;
}

const listed = async (token: string, caller = call) =>
  (await (await caller(token, 'GET', '/api/knowledge-base/documents')).json()) as Listed;

describe('the Knowledge Base in the console (Admin)', () => {
  it('uploads a document, ingests it, and the bot answers a customer from it, citing its title', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const marker = unique('monsoon').replace(/[^a-z0-9]/g, '');
    const title = `Monsoon hours ${marker.slice(-6)}`;
    const uploaded = await upload(
      admin,
      { title, language: 'en', owner: 'Operations', requestId: crypto.randomUUID() },
      new File(
        [
          `<!DOCTYPE html><html><body><h1>${title}</h1><p>During the ${marker} season the office opens at 11:00.</p></body></html>`,
        ],
        'monsoon.html',
      ),
    );
    expect(uploaded.status).toBe(201);
    const document = (await uploaded.json()) as { id: string; format: string; version: number };
    expect(document).toMatchObject({ format: 'html', version: 1 });
    const stateOf = async () =>
      (await listed(admin)).documents.find((each) => each.id === document.id)?.status.state;
    expect(await stateOf()).toBe('staged');

    // Indexed while staged (for an evaluation): no customer is answered from it yet.
    const staged = await ingest(admin, { publish: false, documentIds: [document.id] });
    expect(staged.status).toBe('COMPLETE');
    expect(await stateOf()).toBe('staged');
    const early = newCustomerWaId();
    await say(early, `When does the office open during the ${marker} season?`);
    const [before] = await botReplies(early, 1);
    expect(before?.text).not.toContain('11:00');

    const job = await ingest(admin, { documentIds: [document.id] });
    expect(job.status).toBe('COMPLETE');
    expect(job.statistics.scanned).toBeGreaterThan(0);
    const after = await listed(admin);
    expect(after.documents.find((each) => each.id === document.id)?.status.state).toBe('indexed');
    expect(after.jobs.map((each) => each.id)).toContain(job.id);
    const page = await (
      await app.request('/console/knowledge-base', { headers: { ...bearer(admin), accept: 'text/html' } })
    ).text();
    expect(page).toMatch(new RegExp(`data-document="${document.id}" data-state="indexed"`));
    expect(page).toContain(job.id);

    // A customer asks; the answer rests on the new document (its fact, its title as the citation).
    const waId = newCustomerWaId();
    await say(waId, `When does the office open during the ${marker} season?`);
    const [reply] = await botReplies(waId, 1);
    expect(reply?.text).toContain('11:00');
    const sent = await clients.documents.send(
      new GetCommand({ TableName: config.tables.whatsAppOutbound, Key: { id: reply?.wamid } }),
    );
    expect(sent.Item?.sentBy?.citations?.map((citation: { title: string }) => citation.title)).toContain(
      title,
    );

    const audited = await dependencies.audit.query({
      actorId: staffUsers.admin,
      fromMs: Date.now() - 120_000,
      toMs: Date.now(),
      limit: 50,
    });
    const actions = audited.items.map((entry) => [
      entry.action,
      entry.details?.documentId ?? entry.details?.ingestionJobId,
    ]);
    expect(actions).toContainEqual(['kb-document-uploaded', document.id]);
    expect(actions).toContainEqual(['kb-ingestion-started', staged.id]);
    expect(actions).toContainEqual(['kb-published', job.id]);
  });

  it('evaluates the staged changes against the evals before publishing, and shows the Admin the result', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    // Its own prefix: nothing staged yet, so nothing to evaluate.
    const nothing = await ownCall(admin, 'POST', '/api/knowledge-base/evaluations');
    expect(nothing.status).toBe(409);
    expect(((await nothing.json()) as { message: string }).message).toMatch(/Nothing is staged/);

    const uploaded = await upload(
      admin,
      { title: 'Office hours (draft)', language: 'en', owner: 'Operations', requestId: crypto.randomUUID() },
      new File(['# Office hours\n\nWe now open Monday to Saturday at 08:00.'], 'hours-draft.md'),
    );
    const { id } = (await uploaded.json()) as { id: string };
    await ingest(admin, { publish: false, documentIds: [id] });
    const evaluated = await call(admin, 'POST', '/api/knowledge-base/evaluations');
    expect(evaluated.status).toBe(200);
    const report = (await evaluated.json()) as {
      cases: number;
      worse: number;
      by: string;
      rows: Array<{ id: string; verdict: string }>;
    };
    expect(report.cases).toBeGreaterThan(60);
    expect(report.by).toBe(staffUsers.admin);
    expect(report.rows.every((row) => row.verdict !== 'unchanged')).toBe(true);
    const page = await (
      await app.request('/console/knowledge-base', { headers: { ...bearer(admin), accept: 'text/html' } })
    ).text();
    expect(page).toContain(`of ${report.cases} cases resting on the documents`);
    expect(page).toMatch(new RegExp(`id="gate-worse">${report.worse}<`));
    const audited = await dependencies.audit.query({
      actorId: staffUsers.admin,
      fromMs: Date.now() - 120_000,
      toMs: Date.now(),
      limit: 50,
    });
    expect(audited.items.some((entry) => entry.action === 'kb-evaluated')).toBe(true);
    await call(admin, 'DELETE', `/api/knowledge-base/documents/${id}?version=1`);
  });

  it('refuses a program renamed .pdf (415) and a stale replacement (409); replaces and deletes by version', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const fields = { title: 'Refund policy draft', language: 'hi', owner: 'Accounts' };
    const refused = await upload(admin, fields, new File([sampleFiles.exe], 'refunds.pdf'), { to: ownApp });
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { message: string }).message).toMatch(/PDF, Word, HTML, Markdown/);
    const tooLarge = await upload(
      admin,
      fields,
      new File([Buffer.alloc(4 * 1024 * 1024 + 10, 'a')], 'big.txt'),
      {
        to: ownApp,
      },
    );
    expect(tooLarge.status).toBe(413);

    const made = (await (
      await upload(admin, fields, new File(['रिफंड सात दिनों में।'], 'refunds.txt'), { to: ownApp })
    ).json()) as {
      id: string;
    };
    const path = `/api/knowledge-base/documents/${made.id}`;
    const replaced = await upload(
      admin,
      { version: '1' },
      new File(['# रिफंड\n\nचौदह दिनों में।'], 'refunds.md'),
      { method: 'PUT', path, to: ownApp },
    );
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({
      version: 2,
      format: 'markdown',
      title: 'Refund policy draft',
    });
    const stale = await upload(admin, { version: '1' }, new File(['# रिफंड\n\nतीस दिन।'], 'refunds.md'), {
      method: 'PUT',
      path,
      to: ownApp,
    });
    expect(stale.status).toBe(409);

    expect((await ownCall(admin, 'DELETE', `${path}?version=1`)).status).toBe(409);
    expect((await ownCall(admin, 'DELETE', `${path}?version=2`)).status).toBe(200);
    // Never published: it was in no answer, so it goes at once.
    const gone = (await listed(admin, ownCall)).documents.find((each) => each.id === made.id);
    expect(gone).toBeUndefined();
  });

  it('refuses the Knowledge Base to an Operator and a Viewer, in the API and the page', async () => {
    for (const username of [staffUsers.operator, staffUsers.viewer]) {
      const token = (await tokensOf(username)).access_token;
      const refused = await upload(
        token,
        { title: 'x', language: 'en', owner: 'x' },
        new File(['# x'], 'x.md'),
      );
      expect(refused.status).toBe(403);
      expect((await call(token, 'POST', '/api/knowledge-base/ingestions', {})).status).toBe(403);
      const page = await app.request('/console/knowledge-base', {
        headers: { ...bearer(token), accept: 'text/html' },
      });
      expect(page.status).toBe(403);
    }
  });
});

describe('the service catalog in the console (Admin)', () => {
  it('is validated on save (each problem named, nothing written), staged, refused when stale, and quoted from once published', async () => {
    const admin = (await tokensOf(staffUsers.admin)).access_token;
    const starter = (await import('#kb/catalog/starter-catalog.json', { with: { type: 'json' } }))
      .default as {
      services: Array<{ id: string; pricePaise: number }>;
    };
    // Nothing stored yet under this key: the first save names the empty ETag.
    const opened = (await (await ownCall(admin, 'GET', '/api/knowledge-base/catalog')).json()) as {
      text: string;
      etag: string;
    };
    expect(opened).toEqual({ text: '', etag: '', staged: false });

    const broken = structuredClone(starter);
    (broken.services[0] as { pricePaise: number }).pricePaise = -5;
    const invalid = await ownCall(admin, 'PUT', '/api/knowledge-base/catalog', {
      text: JSON.stringify(broken),
      etag: opened.etag,
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toContain('services.0.pricePaise');
    const unchanged = (await (await ownCall(admin, 'GET', '/api/knowledge-base/catalog')).json()) as {
      text: string;
    };
    expect(unchanged.text).toBe('');

    const changed = structuredClone(starter);
    (changed.services[0] as { pricePaise: number }).pricePaise = 1_234_500;
    const saved = await ownCall(admin, 'PUT', '/api/knowledge-base/catalog', {
      text: JSON.stringify(changed),
      etag: '',
    });
    expect(saved.status).toBe(200);
    // Staged: the editor reopens it, and no quote uses it yet.
    const reopened = (await (await ownCall(admin, 'GET', '/api/knowledge-base/catalog')).json()) as {
      text: string;
      staged: boolean;
    };
    expect(reopened.staged).toBe(true);
    expect(reopened.text).toContain('1234500');
    const quotes = () =>
      new CatalogStore(clients.s3, {
        bucket: own.buckets.stream.name,
        key: own.buckets.stream.catalogKey,
      }).current();
    await expect(quotes()).rejects.toBeInstanceOf(NotFoundError);

    // Someone else's save in between: the one opened before it is refused.
    const stale = await ownCall(admin, 'PUT', '/api/knowledge-base/catalog', {
      text: JSON.stringify(starter),
      etag: '',
    });
    expect(stale.status).toBe(409);

    // Published: quoted from, and nothing staged any more.
    await ingest(admin, {}, ownCall);
    expect((await quotes()).services[0]?.pricePaise).toBe(1_234_500);
    expect(
      ((await (await ownCall(admin, 'GET', '/api/knowledge-base/catalog')).json()) as { staged: boolean })
        .staged,
    ).toBe(false);
    const operator = (await tokensOf(staffUsers.operator)).access_token;
    expect((await ownCall(operator, 'GET', '/api/knowledge-base/catalog')).status).toBe(403);
  });
});
