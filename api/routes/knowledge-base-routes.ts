import '#core/aws/clients/s3.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import { catalogForEditing, discardStagedCatalog, saveEditedCatalog } from '#kb/catalog/catalog-store.ts';
import { kbLanguages } from '#kb/documents/kb-document-record.ts';
import { runningStatuses } from '#kb/documents/kb-ingestion.ts';
import { knowledgeBaseDesk, knowledgeBaseView } from '#kb/documents/knowledge-base-view.ts';
import { gateCases } from '#kb/gate/gate-cases.ts';
import { stagedChanges } from '#kb/gate/gate-report-store.ts';
import { evaluateStagedChanges } from '#kb/gate/staged-evaluation.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { knowledgeBasePage } from '../pages/knowledge-base-page.ts';
import { json, Problem } from './console-schemas.ts';

const FileField = z.instanceof(File, { message: 'a file is required' }).openapi({
  type: 'string',
  format: 'binary',
  description: 'PDF, Word, HTML, Markdown or plain text, up to 4 MB; its type is judged by its content',
});
const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/)
  .optional()
  .openapi({ description: 'Names this change: a repeated request makes it once (the page sends a UUID).' });
const Title = z.string().trim().min(1).max(200);
const Language = z
  .enum(kbLanguages)
  .openapi({ description: 'en, hi or bn: the bot answers each language from its own documents' });
const Owner = z.string().trim().min(1).max(100).openapi({ description: 'Who answers for the content' });

const UploadForm = z.object({
  file: FileField,
  title: Title,
  language: Language,
  owner: Owner,
  requestId: RequestId,
});
const ReplaceForm = z.object({
  file: FileField,
  version: z.coerce.number().int().min(1).openapi({ description: 'The version being replaced' }),
  title: Title.optional(),
  language: Language.optional(),
  owner: Owner.optional(),
});
const DocumentIdParam = z.object({
  id: z
    .string()
    .regex(/^kbdoc-[0-9a-f]{20}$/, { error: 'must be a document id (kbdoc-…)' })
    .openapi({ param: { name: 'id', in: 'path' }, example: 'kbdoc-0a1b2c3d4e5f60718293' }),
});
const FileNameParam = z.object({
  name: z
    .string()
    .regex(/^[\w.-]{1,200}$/, { error: 'must be a file name under the Knowledge Base prefix' })
    .openapi({ param: { name: 'name', in: 'path' }, example: 'faq.md' }),
});
const JobIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Z0-9]{10}$/, { error: 'must be an ingestion job id' })
    .openapi({ param: { name: 'id', in: 'path' }, example: 'Q1W2E3R4T5' }),
});
const VersionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'version', in: 'query' }, description: 'The version being deleted' }),
});
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .max(1024)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a cursor this API gave out' })
    .optional(),
});

const Status = z.object({
  state: z.enum(['staged', 'waiting', 'ingesting', 'indexed', 'failed', 'removing', 'removed']),
  change: z.enum(['new', 'replaced', 'removed']).optional(),
  jobId: z.string().optional(),
  atMs: z.number().optional(),
  reason: z.string().optional(),
});
const KbDocument = z
  .object({
    id: z.string(),
    title: z.string(),
    language: z.string(),
    owner: z.string(),
    version: z.number(),
    format: z.string(),
    fileName: z.string(),
    s3Key: z.string(),
    checksum: z.string(),
    sizeBytes: z.number(),
    uploadedBy: z.string(),
    uploadedAtMs: z.number(),
    deletedAtMs: z.number().optional(),
    status: Status.optional(),
  })
  .openapi('KnowledgeBaseDocument');
const GateEvaluation = z
  .object({
    atMs: z.number(),
    cases: z.number(),
    worse: z.number(),
    better: z.number(),
    sourcesChanged: z.number(),
    staged: z.string(),
    by: z.string(),
    rows: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        language: z.string(),
        question: z.string(),
        recall: z.object({ now: z.number().nullable(), staged: z.number().nullable() }),
        sources: z.object({ now: z.array(z.string()), staged: z.array(z.string()) }),
        citations: z.object({ lost: z.array(z.string()), gained: z.array(z.string()) }),
        verdict: z.enum(['worse', 'better', 'sources-changed', 'unchanged']),
      }),
    ),
  })
  .openapi('KnowledgeBaseEvaluation');
const IngestionJob = z
  .object({
    id: z.string(),
    status: z.string(),
    startedAtMs: z.number(),
    updatedAtMs: z.number(),
    statistics: z.object({
      scanned: z.number(),
      newIndexed: z.number(),
      modifiedIndexed: z.number(),
      deleted: z.number(),
      failed: z.number(),
    }),
    failureReasons: z.array(z.string()),
  })
  .openapi('IngestionJob');
const OtherFile = z.object({ name: z.string(), sizeBytes: z.number(), modifiedAtMs: z.number() });
const CatalogEdit = z.object({
  text: z
    .string()
    .min(1)
    .max(512 * 1024),
  etag: z.string().max(200).default(''),
});

/**
 * The Knowledge Base (Admin): documents uploaded, replaced and deleted with their records in
 * DocsTable, ingestion jobs started and followed, and the service catalog edited. Every change is
 * audited with its outcome.
 */
export function knowledgeBaseRoutes(dependencies: ConsoleDependencies) {
  const { config, clients, audit } = dependencies;
  const desk = knowledgeBaseDesk(config, clients);
  const admin = requireRole('Admin', audit);
  const app = new OpenAPIHono<ConsoleEnv>();
  const record = (c: Context<ConsoleEnv>, action: string, details: Record<string, unknown>) =>
    audit.record({ actorId: c.get('staff').username, action, details });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-base/documents',
      summary: 'The documents, newest first, each with its status against the recent ingestion jobs',
      middleware: [admin] as const,
      request: { query: ListQuery },
      responses: {
        200: json(
          z.object({
            documents: z.array(KbDocument),
            nextCursor: z.string().optional(),
            jobs: z.array(IngestionJob),
            otherFiles: z.array(OtherFile),
          }),
          'The documents',
        ),
      },
    }),
    async (c) => c.json(await knowledgeBaseView(desk, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-base/documents',
      summary: 'Upload a document (multipart): stored under the Knowledge Base prefix with its metadata',
      middleware: [admin] as const,
      request: { body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true } },
      responses: {
        201: json(KbDocument, 'Uploaded; in the answers after the next ingestion'),
        409: json(Problem, 'This request already uploaded a different file'),
        413: json(Problem, 'Larger than 4 MB'),
        415: json(Problem, 'Not PDF, Word, HTML, Markdown or text'),
      },
    }),
    async (c) => {
      const { file, requestId, ...fields } = c.req.valid('form');
      const added = await desk.library.add({
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        by: c.get('staff').username,
        fields,
        ...(requestId ? { requestId } : {}),
      });
      await record(c, 'kb-document-uploaded', {
        documentId: added.id,
        title: added.title,
        format: added.format,
      });
      return c.json(added, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/knowledge-base/documents/{id}',
      summary: 'Replace a document with a new version (multipart), naming the version replaced',
      middleware: [admin] as const,
      request: {
        params: DocumentIdParam,
        body: { content: { 'multipart/form-data': { schema: ReplaceForm } }, required: true },
      },
      responses: {
        200: json(KbDocument, 'Replaced'),
        404: json(Problem, 'No such document'),
        409: json(Problem, 'Changed since that version'),
        413: json(Problem, 'Larger than 4 MB'),
        415: json(Problem, 'Not PDF, Word, HTML, Markdown or text'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { file, version, ...fields } = c.req.valid('form');
      const replaced = await desk.library.replace(id, {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        by: c.get('staff').username,
        fields: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
        expectedVersion: version,
      });
      await record(c, 'kb-document-replaced', {
        documentId: id,
        version: replaced.version,
        format: replaced.format,
      });
      return c.json(replaced, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/knowledge-base/documents/{id}',
      summary: 'Delete a document (its file and metadata); it leaves the answers at the next ingestion',
      middleware: [admin] as const,
      request: { params: DocumentIdParam, query: VersionQuery },
      responses: {
        200: json(KbDocument, 'Deleted'),
        404: json(Problem, 'No such document'),
        409: json(Problem, 'Changed since that version'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const removed = await desk.library.remove(id, {
        expectedVersion: c.req.valid('query').version,
        by: c.get('staff').username,
      });
      await record(c, 'kb-document-deleted', { documentId: id, title: removed.title });
      return c.json(removed, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/knowledge-base/files/{name}',
      summary: 'Delete a file under the prefix that was not uploaded here (a starter document)',
      middleware: [admin] as const,
      request: { params: FileNameParam },
      responses: {
        200: json(z.object({ deleted: z.string() }), 'Deleted'),
        404: json(Problem, 'No such file'),
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await desk.library.removeOtherFile(name);
      await record(c, 'kb-file-deleted', { name });
      return c.json({ deleted: name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-base/ingestions',
      summary:
        'Publish the staged changes (unless publish is false), then start an ingestion of the Knowledge Base (Bedrock StartIngestionJob); one per request',
      middleware: [admin] as const,
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                requestId: RequestId,
                // A form posts "true" or "false"; false indexes the staged changes for evaluation only.
                publish: z
                  .union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')])
                  .default(true),
                /** Publish only these documents' changes (the others stay staged); all when absent. */
                documentIds: z
                  .array(z.string().regex(/^kbdoc-[0-9a-f]{20}$/, { error: 'must be a document id' }))
                  .min(1)
                  .max(100)
                  .optional(),
              }),
            },
          },
          required: false,
        },
      },
      responses: {
        202: json(IngestionJob, 'Started'),
        409: json(Problem, 'An ingestion is already running'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const requestId = body?.requestId ?? crypto.randomUUID();
      const publish = body?.publish ?? true;
      // Nothing is published while a job runs: it may or may not read the change.
      if (publish && (await desk.ingestion.recent()).some((job) => runningStatuses.has(job.status)))
        throw new ConflictError('An ingestion is running: publish once it has finished.');
      // Published before the job starts: the job reads the bucket as it runs.
      const published = publish
        ? (await desk.library.publish(body?.documentIds ? { only: body.documentIds } : {})).published
        : 0;
      // The staged catalog goes with a publish of everything (not with a chosen few documents).
      const catalog = publish && !body?.documentIds ? await desk.publishStagedCatalog() : undefined;
      const job = await desk.ingestion.start(requestId);
      await record(c, publish ? 'kb-published' : 'kb-ingestion-started', {
        ingestionJobId: job.id,
        ...(publish ? { documents: published, catalog: catalog !== undefined } : {}),
      });
      return c.json(job, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/knowledge-base/evaluations',
      summary:
        "Evaluate the staged changes before publishing: every evals case that rests on the documents, retrieved as customers get it now and as they would after publishing, judged by the evals' retrieval metrics",
      middleware: [admin] as const,
      responses: {
        200: json(GateEvaluation, 'The cases whose retrieval would change, the worse first'),
        409: json(Problem, 'Nothing is staged, or the staged changes are not indexed yet'),
      },
    }),
    async (c) => {
      const [pending, catalog] = await Promise.all([desk.library.pending(), desk.stagedCatalog()]);
      if (pending.length === 0 && !catalog)
        throw new ConflictError(
          'Nothing is staged: upload, replace or delete a document, or save the catalog, first.',
        );
      // The staged view holds a change only once an ingestion started after it has completed.
      const lastChangeMs = Math.max(
        ...pending.map((each) => each.deletedAtMs ?? each.uploadedAtMs),
        catalog?.modifiedAtMs ?? 0,
      );
      const jobs = await desk.ingestion.recent();
      if (!jobs.some((job) => job.status === 'COMPLETE' && job.startedAtMs >= lastChangeMs))
        throw new ConflictError(
          'The staged changes are not indexed yet: index them (no customer sees them), then evaluate.',
        );
      const evaluation = await evaluateStagedChanges(desk.retriever, await gateCases(), {
        ...desk.retrieval,
        concurrency: 8,
      });
      const report = {
        ...evaluation,
        staged: stagedChanges(pending, catalog?.etag),
        by: c.get('staff').username,
      };
      await desk.gateReports.save(report);
      await record(c, 'kb-evaluated', {
        cases: report.cases,
        worse: report.worse,
        better: report.better,
        sourcesChanged: report.sourcesChanged,
      });
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-base/ingestions',
      summary: 'The latest ingestion jobs, newest first',
      middleware: [admin] as const,
      responses: { 200: json(z.object({ jobs: z.array(IngestionJob) }), 'The jobs') },
    }),
    async (c) => c.json({ jobs: await desk.ingestion.recent() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-base/ingestions/{id}',
      summary: 'An ingestion job: its status and statistics (follow it until COMPLETE or FAILED)',
      middleware: [admin] as const,
      request: { params: JobIdParam },
      responses: { 200: json(IngestionJob, 'The job'), 404: json(Problem, 'No such job') },
    }),
    async (c) => c.json(await desk.ingestion.job(c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/knowledge-base/catalog',
      summary: 'The service catalog (prices) as stored, with the ETag a save must name',
      middleware: [admin] as const,
      responses: {
        200: json(
          z.object({ text: z.string(), etag: z.string(), staged: z.boolean() }),
          'The catalog: the staged one if there is one, else the published one',
        ),
      },
    }),
    async (c) => c.json(await catalogForEditing(clients.s3, config), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/knowledge-base/catalog',
      summary:
        'Save the service catalog: validated, then staged with its price lists (quotes and answers keep the published one until the staged changes are published)',
      middleware: [admin] as const,
      request: { body: { content: { 'application/json': { schema: CatalogEdit } }, required: true } },
      responses: {
        200: json(
          z.object({ services: z.number() }),
          'Saved: quotes use it within a minute, answers after an ingestion',
        ),
        400: json(Problem, 'Not a valid catalog (each problem named)'),
        409: json(Problem, 'Saved by someone else since it was opened'),
      },
    }),
    async (c) => {
      const catalog = await saveEditedCatalog(clients.s3, config, c.req.valid('json'));
      await record(c, 'catalog-staged', { services: catalog.services.length });
      return c.json({ services: catalog.services.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/knowledge-base/catalog/staged',
      summary: 'Discard the staged catalog (customers never saw it; the published one stays)',
      middleware: [admin] as const,
      responses: {
        200: json(z.object({ discarded: z.literal(true) }), 'Discarded'),
        404: json(Problem, 'No catalog is staged'),
      },
    }),
    async (c) => {
      if (!(await discardStagedCatalog(clients.s3, config))) throw new NotFoundError('No catalog is staged.');
      await record(c, 'catalog-discarded', {});
      return c.json({ discarded: true as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/knowledge-base',
      summary: 'The Knowledge Base page: documents, ingestion, catalog',
      middleware: [admin] as const,
      request: { query: ListQuery },
      responses: { 200: { description: 'Knowledge Base', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const [view, catalog] = await Promise.all([
        knowledgeBaseView(desk, c.req.valid('query')),
        catalogForEditing(clients.s3, config),
      ]);
      return c.html(knowledgeBasePage(c.get('staff'), view, catalog), 200);
    },
  );
  return app;
}
