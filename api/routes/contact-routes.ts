import '#core/aws/clients/dynamodb.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Contact, ContactFields } from '#core/contacts/contact.ts';
import { contactsCsv, parseContactsCsv } from '#core/contacts/contact-csv.ts';
import { e164Digits } from '#core/contacts/phone-number.ts';
import { ContactDirectory } from '#core/stores/contact-store.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { contactsPage } from '../pages/contacts-page.ts';
import { json, Problem } from './console-schemas.ts';

const ContactView = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string().optional(),
    language: z.string().optional(),
    notes: z.string().optional(),
    optOut: z.object({ whatsapp: z.boolean(), sms: z.boolean(), email: z.boolean() }),
    source: z.string(),
    whatsAppProfileName: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Contact');

const ImportReport = z
  .object({
    total: z.number(),
    valid: z.number(),
    errors: z.array(z.object({ line: z.number(), problems: z.array(z.string()) })),
    errorCount: z.number(),
    written: z.number().optional(),
    done: z.boolean().optional(),
  })
  .openapi('ContactImportReport');

const ContactIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_.:#-]{1,128}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const ContactBody = ContactFields.openapi('ContactFields');
const UpdateBody = ContactFields.extend({ version: z.number().int().min(0) });
/** From the page's form the values come as text; from a script as JSON. */
const OptOutBody = z.object({
  channel: z.enum(['whatsapp', 'sms', 'email']),
  optedOut: z.union([z.boolean(), z.enum(['true', 'false'])]),
  version: z.coerce.number().int().min(0),
});
/**
 * An import in steps, each a request on the same file: `check` validates every row (and against
 * the table); `all` (nothing if any row is wrong) or `valid` (the valid rows) writes rows
 * [from, from + count) of the valid ones, so the page shows a progress bar and no request
 * outlives API Gateway's 30 s. `id` names the import, so a retried step writes nothing twice.
 */
const ImportQuery = z.object({
  mode: z.enum(['check', 'all', 'valid']),
  from: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(2500).default(2500),
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .default('console-import'),
});
const DeleteQuery = z.object({ version: z.coerce.number().int().min(0) });
const SearchQuery = z.object({
  q: z.string().trim().min(1).max(120),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/**
 * Contacts (Viewer reads; Operator and Admin write). The seed's five contact functions are these
 * routes (their names are the operation ids): wecare-contacts-create, -read, -update, -delete, -search.
 */
export function contactRoutes(dependencies: ConsoleDependencies) {
  const { clients, config, audit } = dependencies;
  const contacts = new ContactDirectory(clients.documents, config.tables.contacts);
  const viewer = requireRole('Viewer', audit);
  const operator = requireRole('Operator', audit);
  const app = new OpenAPIHono<ConsoleEnv>();
  /** A number in any format finds its one contact; anything else is the start of a name. */
  async function search(q: string, limit: number, cursor: string | undefined) {
    const phone = /^[+\d\s().-]+$/.test(q) ? e164Digits(q) : undefined;
    if (phone) {
      const found = await contacts.byPhone(phone);
      return { items: found ? [view(found)] : [], nextCursor: undefined };
    }
    const page = await contacts.byNamePrefix(q, limit, cursor);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
  const recorded = async (actorId: string, action: string, contact: Contact) =>
    audit.record({ actorId, action, details: { contactId: contact.id, version: contact.version } });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contacts',
      operationId: 'wecare-contacts-search',
      summary: 'Find contacts by phone (any format) or by the start of their name',
      middleware: [viewer] as const,
      request: { query: SearchQuery },
      responses: {
        200: json(z.object({ items: z.array(ContactView), nextCursor: z.string().optional() }), 'Found'),
      },
    }),
    async (c) => {
      const { q, cursor, limit } = c.req.valid('query');
      const found = await search(q, limit, cursor);
      return c.json(
        { items: found.items, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/contacts',
      summary: 'The contacts page',
      middleware: [viewer] as const,
      request: { query: SearchQuery.partial({ q: true }) },
      responses: { 200: { description: 'Contacts', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) => {
      const { q, cursor, limit } = c.req.valid('query');
      if (!q) return c.html(contactsPage(c.get('staff'), { items: [] }), 200);
      const found = await search(q, limit, cursor);
      return c.html(
        contactsPage(c.get('staff'), { q, items: found.items, nextCursor: found.nextCursor }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/contacts',
      operationId: 'wecare-contacts-create',
      summary: 'Create a contact (one per phone number)',
      middleware: [operator] as const,
      request: { body: { content: { 'application/json': { schema: ContactBody } }, required: true } },
      responses: {
        201: json(ContactView, 'Created'),
        409: json(Problem, 'A contact with that number exists'),
      },
    }),
    async (c) => {
      const contact = await contacts.create(c.req.valid('json'));
      await recorded(c.get('staff').username, 'contact-created', contact);
      return c.json(view(contact), 201);
    },
  );

  // Before `/api/contacts/{id}`, which would take `export` for an id.
  app.get('/api/contacts/export', operator, async (c) => {
    const all: Contact[] = [];
    for await (const contact of contacts.all()) all.push(contact);
    await audit.record({
      actorId: c.get('staff').username,
      action: 'contacts-exported',
      details: { contacts: all.length },
    });
    c.header('Content-Disposition', 'attachment; filename="wecare-contacts.csv"');
    return c.body(contactsCsv(all), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/contacts/{id}',
      operationId: 'wecare-contacts-read',
      summary: 'A contact',
      middleware: [viewer] as const,
      request: { params: ContactIdParam },
      responses: { 200: json(ContactView, 'The contact'), 404: json(Problem, 'No such contact') },
    }),
    async (c) => c.json(view(await contacts.get(c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/contacts/{id}',
      operationId: 'wecare-contacts-update',
      summary: 'Change a contact, as of the version read (a new number moves it to that number)',
      middleware: [operator] as const,
      request: {
        params: ContactIdParam,
        body: { content: { 'application/json': { schema: UpdateBody } }, required: true },
      },
      responses: {
        200: json(ContactView, 'Changed'),
        404: json(Problem, 'No such contact'),
        409: json(Problem, 'Changed meanwhile, or the new number has a contact'),
      },
    }),
    async (c) => {
      const { version, ...fields } = c.req.valid('json');
      const contact = await contacts.update(c.req.valid('param').id, version, fields);
      await recorded(c.get('staff').username, 'contact-updated', contact);
      return c.json(view(contact), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/contacts/{id}/opt-outs',
      summary: 'Opt the contact in or out of one channel (WhatsApp templates, SMS, email)',
      middleware: [operator] as const,
      request: {
        params: ContactIdParam,
        body: { content: { 'application/json': { schema: OptOutBody } }, required: true },
      },
      responses: {
        200: json(ContactView, 'Changed'),
        404: json(Problem, 'No such contact'),
        409: json(Problem, 'Changed meanwhile'),
      },
    }),
    async (c) => {
      const { channel, optedOut, version } = c.req.valid('json');
      const contact = await contacts.setOptOut(
        c.req.valid('param').id,
        version,
        channel,
        optedOut === true || optedOut === 'true',
      );
      await audit.record({
        actorId: c.get('staff').username,
        action: optedOut === true || optedOut === 'true' ? 'contact-opted-out' : 'contact-opted-in',
        details: { contactId: contact.id, channel },
      });
      return c.json(view(contact), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/contacts/import',
      summary:
        'Import contacts from a CSV (name, phone, email, language, notes, opt_out_*): check, then write in steps',
      middleware: [operator] as const,
      request: {
        query: ImportQuery,
        body: { content: { 'text/csv': { schema: z.string() } }, required: true },
      },
      responses: {
        200: json(ImportReport, 'What was checked or written'),
        409: json(ImportReport, 'Rows are wrong and the import is all or nothing'),
      },
    }),
    async (c) => {
      const { mode, from, count, id } = c.req.valid('query');
      const parsed = parseContactsCsv(await c.req.text());
      const base = { total: parsed.rows.length + parsed.errors.length, valid: parsed.rows.length };
      if (mode === 'check') {
        const taken = await contacts.existingPhones(parsed.rows.map((row) => row.fields.phone));
        const errors = [
          ...parsed.errors,
          ...parsed.rows
            .filter((row) => taken.has(row.fields.phone))
            .map((row) => ({ line: row.line, problems: ['phone: a contact with this number exists'] })),
        ].sort((left, right) => left.line - right.line);
        return c.json(
          {
            ...base,
            valid: base.valid - taken.size,
            errors: errors.slice(0, 500),
            errorCount: errors.length,
          },
          200,
        );
      }
      if (mode === 'all' && parsed.errors.length > 0)
        return c.json(
          { ...base, errors: parsed.errors.slice(0, 500), errorCount: parsed.errors.length, written: 0 },
          409,
        );
      const slice = parsed.rows.slice(from, from + count);
      const written = await contacts.createMany(slice, { importId: id });
      await audit.record({
        actorId: c.get('staff').username,
        action: 'contacts-imported',
        details: {
          importId: id,
          mode,
          from,
          rows: slice.length,
          created: written.created,
          existing: written.existing.length,
        },
      });
      return c.json(
        {
          ...base,
          errors: written.existing.map((line) => ({
            line,
            problems: ['phone: a contact with this number exists'],
          })),
          errorCount: written.existing.length,
          written: written.created,
          done: from + slice.length >= parsed.rows.length,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/contacts/{id}',
      operationId: 'wecare-contacts-delete',
      summary: 'Delete a contact, as of the version read',
      middleware: [operator] as const,
      request: { params: ContactIdParam, query: DeleteQuery },
      responses: {
        200: json(z.object({ deleted: z.string() }), 'Deleted'),
        404: json(Problem, 'No such contact'),
        409: json(Problem, 'Changed meanwhile'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version } = c.req.valid('query');
      await contacts.delete(id, version);
      await audit.record({
        actorId: c.get('staff').username,
        action: 'contact-deleted',
        details: { contactId: id, version },
      });
      return c.json({ deleted: id }, 200);
    },
  );
  return app;
}

function view(contact: Contact): z.infer<typeof ContactView> {
  return {
    id: contact.id,
    name: contact.name,
    phone: contact.phone,
    ...(contact.email ? { email: contact.email } : {}),
    ...(contact.language ? { language: contact.language } : {}),
    ...(contact.notes ? { notes: contact.notes } : {}),
    optOut: contact.optOut,
    source: contact.source,
    ...(contact.whatsAppProfileName ? { whatsAppProfileName: contact.whatsAppProfileName } : {}),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    version: contact.version,
  };
}
