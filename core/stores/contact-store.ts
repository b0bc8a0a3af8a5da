import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Contact, type ContactFields, contactIdOf } from '../contacts/contact.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors/app-errors.ts';

/** How contacts are found by name: first letter, then the folded name (`by-name` index). */
export function nameKeys(name: string): { nameInitial: string; nameSort: string } {
  const nameSort = name.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
  return { nameInitial: Array.from(nameSort)[0] ?? '#', nameSort };
}

/**
 * Contacts in DynamoDB, keyed by `id` as in the client's table, found by phone through the
 * `by-phone` index. A contact first seen on WhatsApp gets the deterministic id `wa-<digits>`, so
 * two deliveries racing to create it converge on one item.
 */
export class ContactStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findByPhone(phone: string): Promise<{ id: string; name: string } | undefined> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-phone',
        KeyConditionExpression: 'phone = :phone',
        ExpressionAttributeValues: { ':phone': phone },
        Limit: 1,
      }),
    );
    const item = found.Items?.[0];
    return item && typeof item.id === 'string' ? { id: item.id, name: String(item.name ?? '') } : undefined;
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    return (await this.findByPhone(phone))?.id;
  }

  /**
   * Records that the customer wrote on WhatsApp with this profile name. A name an operator set is
   * kept; the WhatsApp profile name is kept beside it, and an older message never overwrites a newer one.
   */
  async upsertFromWhatsApp(input: {
    waId: string;
    profileName: string | null;
    atMs: number;
  }): Promise<string> {
    const id = (await this.findIdByPhone(input.waId)) ?? `wa-${input.waId}`;
    const now = new Date().toISOString();
    const name = input.profileName ?? `+${input.waId}`;
    const keys = nameKeys(name);
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: [
            'SET phone = :phone, createdAt = if_not_exists(createdAt, :now), updatedAt = :now',
            '#source = if_not_exists(#source, :whatsapp)',
            '#name = if_not_exists(#name, :name), nameInitial = if_not_exists(nameInitial, :initial), nameSort = if_not_exists(nameSort, :sort)',
            'lastWhatsAppAtMs = :atMs',
            ...(input.profileName ? ['whatsAppProfileName = :profile'] : []),
          ].join(', '),
          ConditionExpression: 'attribute_not_exists(lastWhatsAppAtMs) OR lastWhatsAppAtMs <= :atMs',
          ExpressionAttributeNames: { '#name': 'name', '#source': 'source' },
          ExpressionAttributeValues: {
            ':phone': input.waId,
            ':now': now,
            ':whatsapp': 'whatsapp',
            ':name': name,
            ':initial': keys.nameInitial,
            ':sort': keys.nameSort,
            ':atMs': input.atMs,
            ...(input.profileName ? { ':profile': input.profileName } : {}),
          },
        }),
      );
    } catch (error) {
      // A newer message already updated the contact: nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return id;
  }
}

/** A page of contacts found by name. */
export interface ContactPage {
  items: Contact[];
  nextCursor?: string;
}

/**
 * The console's contacts: create (one contact per phone number), read, change and delete, each
 * conditional on the version the person saw; found by phone (`by-phone`) or name prefix
 * (`by-name`), never by Scan.
 */
export class ContactDirectory {
  /** Finds a contact's id by phone (the `by-phone` index). */
  private readonly phones: ContactStore;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.phones = new ContactStore(documents, tableName);
  }

  async create(fields: ContactFields, now = new Date()): Promise<Contact> {
    const existing = await this.phones.findIdByPhone(fields.phone);
    if (existing) throw duplicate(fields.phone, existing);
    const contact = this.item(
      { ...fields, id: contactIdOf(fields.phone), source: 'console', version: 1 },
      now,
      now,
    );
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: contact,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw duplicate(fields.phone, contact.id);
      throw error;
    }
    return Contact.parse(contact);
  }

  async get(id: string): Promise<Contact> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    if (!found.Item) throw new NotFoundError(`There is no contact ${id}`);
    return Contact.parse(found.Item);
  }

  /**
   * Replaces what a person may change, if the contact is still the version they saw. A new phone
   * number moves the contact to that number's id (which must not have another contact yet).
   */
  async update(
    id: string,
    expectedVersion: number,
    fields: ContactFields,
    now = new Date(),
  ): Promise<Contact> {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw changed(current, expectedVersion);
    // The same number keeps the contact where it is, whatever its id (the client's own ids too).
    const nextId = fields.phone === current.phone ? id : contactIdOf(fields.phone);
    const next = this.item(
      {
        ...current,
        ...fields,
        id: nextId,
        version: expectedVersion + 1,
        ...(nextId === id ? {} : { movedFrom: id }),
      },
      new Date(current.createdAt),
      now,
    );
    if (nextId === id) {
      await this.putIfVersion(next, expectedVersion);
      return Contact.parse(next);
    }
    await this.moveTo(id, expectedVersion, next, fields.phone);
    return Contact.parse(next);
  }

  /** Opts the contact in or out of one channel, as of the version read (nothing else changes). */
  async setOptOut(
    id: string,
    expectedVersion: number,
    channel: 'whatsapp' | 'sms' | 'email',
    optedOut: boolean,
    now = new Date(),
  ): Promise<Contact> {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw changed(current, expectedVersion);
    const next = {
      ...current,
      optOut: { ...current.optOut, [channel]: optedOut },
      version: expectedVersion + 1,
      updatedAt: now.toISOString(),
    };
    await this.putIfVersion(next, expectedVersion);
    return Contact.parse(next);
  }

  /** Writes the contact over itself if it still exists at `expectedVersion`. */
  private async putIfVersion(
    item: { id: string } & Record<string, unknown>,
    expectedVersion: number,
  ): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: `attribute_exists(id) AND (${versionCondition})`,
          ExpressionAttributeValues: { ':version': expectedVersion, ':zero': 0 },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw changed(await this.get(item.id), expectedVersion);
      throw error;
    }
  }

  /**
   * A new number: the contact is written under that number's id (marked `movedFrom`), then the old
   * item goes if it is still the version read. The embedded engines have no transactions, so each
   * step is conditional and a retry after a crash between them finishes the move (the new item
   * is recognised by its `movedFrom`); if the old one changed meanwhile, the new one is taken back.
   */
  private async moveTo(
    id: string,
    expectedVersion: number,
    next: { id: string } & Record<string, unknown>,
    phone: string,
  ) {
    const holder = await this.phones.findIdByPhone(phone);
    if (holder && holder !== next.id) throw duplicate(phone, holder);
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: next,
          ConditionExpression: 'attribute_not_exists(id) OR movedFrom = :from',
          ExpressionAttributeValues: { ':from': id },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw duplicate(phone, next.id);
      throw error;
    }
    try {
      await this.deleteIfVersion(id, expectedVersion);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The old contact changed (or went) meanwhile: the move is taken back, and the person told.
      await this.documents
        .send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { id: next.id },
            ConditionExpression: 'movedFrom = :from',
            ExpressionAttributeValues: { ':from': id },
          }),
        )
        .catch(() => undefined);
      throw changed(await this.get(id).catch(() => ({ version: -1 }) as Contact), expectedVersion);
    }
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    try {
      await this.deleteIfVersion(id, expectedVersion);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw changed(await this.get(id), expectedVersion);
    }
  }

  /** Deletes the contact if it still exists at `expectedVersion` (else DynamoDB's ConditionalCheckFailed). */
  private async deleteIfVersion(id: string, expectedVersion: number): Promise<void> {
    await this.documents.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { id },
        ConditionExpression: `attribute_exists(id) AND (${versionCondition})`,
        ExpressionAttributeValues: { ':version': expectedVersion, ':zero': 0 },
      }),
    );
  }

  /** Which of these phone numbers already have a contact (by their ids; BatchGetItem, 100 at a time). */
  async existingPhones(phones: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let start = 0; start < phones.length; start += 100) {
      let keys: Array<Record<string, unknown>> = phones
        .slice(start, start + 100)
        .map((phone) => ({ id: contactIdOf(phone) }));
      while (keys.length > 0) {
        const answer = await this.documents.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'phone' } },
          }),
        );
        for (const item of answer.Responses?.[this.tableName] ?? []) found.add(String(item.phone));
        keys = (answer.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
      }
    }
    return found;
  }

  /**
   * Creates many contacts (an import), each once, in chunks of 100: one BatchGetItem finds which
   * numbers have a contact, then BatchWriteItem (25 a request) writes the others. A conditional
   * write per contact costs a request each (10,000 rows took 20 s); this takes ~1/40 of them.
   * Once: a contact's id is its number's, so a retried step writes the same items, and one this
   * import already wrote is counted, not written again. Not overwriting: a number with another
   * contact is reported; one created in the milliseconds between the read and the write would be
   * replaced by the admin's row for it, which is the only window left (DynamoDB has no conditional
   * batch write, and the embedded engine no transactions).
   */
  async createMany(
    rows: ReadonlyArray<{ line: number; fields: ContactFields }>,
    options: { now?: Date; importId: string },
  ): Promise<{ created: number; existing: number[] }> {
    const now = options.now ?? new Date();
    let created = 0;
    const existing: number[] = [];
    for (let start = 0; start < rows.length; start += 100) {
      const chunk = rows.slice(start, start + 100);
      const holders = await this.importsOf(chunk.map((row) => contactIdOf(row.fields.phone)));
      const fresh = chunk.filter((row) => {
        const holder = holders.get(contactIdOf(row.fields.phone));
        if (holder === undefined) return true;
        if (holder === options.importId) created += 1;
        else existing.push(row.line);
        return false;
      });
      await this.putAll(
        fresh.map((row) =>
          this.item(
            {
              ...row.fields,
              id: contactIdOf(row.fields.phone),
              source: 'import',
              importId: options.importId,
              version: 1,
            },
            now,
            now,
          ),
        ),
      );
      created += fresh.length;
    }
    return { created, existing: existing.sort((a, b) => a - b) };
  }

  /** Which of these ids have a contact, each with the import that wrote it ('' if none did). */
  private async importsOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let keys: Array<Record<string, unknown>> = ids.map((id) => ({ id }));
    while (keys.length > 0) {
      const answer = await this.documents.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: { Keys: keys, ProjectionExpression: 'id, importId', ConsistentRead: true },
          },
        }),
      );
      for (const item of answer.Responses?.[this.tableName] ?? [])
        found.set(String(item.id), typeof item.importId === 'string' ? item.importId : '');
      keys = (answer.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Array<Record<string, unknown>>;
    }
    return found;
  }

  /** Writes these items, 25 a request, until DynamoDB has taken every one (its unprocessed ones again). */
  private async putAll(items: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const answer = await this.documents.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (answer.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  /** Every contact, for an export: a Scan, page by page (the one read that is meant to see them all). */
  async *all(): AsyncGenerator<Contact> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new ScanCommand({ TableName: this.tableName, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      for (const item of page.Items ?? []) yield Contact.parse(item);
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** The contact with this phone number (E.164 digits), if any. */
  async byPhone(phoneDigits: string): Promise<Contact | undefined> {
    const id = await this.phones.findIdByPhone(phoneDigits);
    return id ? this.get(id) : undefined;
  }

  /** Contacts whose name (folded) starts with `prefix`, in name order, a page at a time. */
  async byNamePrefix(prefix: string, limit: number, cursor?: string): Promise<ContactPage> {
    const keys = nameKeys(prefix);
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'by-name',
        KeyConditionExpression: 'nameInitial = :initial AND begins_with(nameSort, :prefix)',
        ExpressionAttributeValues: { ':initial': keys.nameInitial, ':prefix': keys.nameSort },
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: decodeContactCursor(cursor, keys) } : {}),
      }),
    );
    return {
      items: (found.Items ?? []).map((item) => Contact.parse(item)),
      ...(found.LastEvaluatedKey
        ? { nextCursor: Buffer.from(JSON.stringify(found.LastEvaluatedKey)).toString('base64url') }
        : {}),
    };
  }

  private item(
    contact: { id: string; name: string; optOut?: Contact['optOut']; source?: string } & Record<
      string,
      unknown
    >,
    createdAt: Date,
    updatedAt: Date,
  ): { id: string } & Record<string, unknown> {
    return {
      ...contact,
      optOut: contact.optOut ?? { whatsapp: false, sms: false, email: false },
      source: contact.source ?? 'console',
      ...nameKeys(contact.name),
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    };
  }
}

/** Contacts from before versions (WhatsApp's upserts) count as version 0. */
const versionCondition = '(attribute_not_exists(version) AND :version = :zero) OR version = :version';

const ContactCursor = z.object({
  id: z.string().min(1).max(256),
  nameInitial: z.string().min(1).max(16),
  nameSort: z.string().min(1).max(400),
});

/** A cursor from the client: of this search (its initial, past its prefix), or a 400. */
function decodeContactCursor(
  cursor: string,
  search: { nameInitial: string; nameSort: string },
): z.infer<typeof ContactCursor> {
  let parsed: z.infer<typeof ContactCursor> | undefined;
  try {
    parsed = ContactCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.nameInitial !== search.nameInitial || !parsed.nameSort.startsWith(search.nameSort))
    throw new ValidationError('cursor: not a cursor this search gave out', { details: { field: 'cursor' } });
  return parsed;
}

function duplicate(phone: string, id: string): ConflictError {
  return new ConflictError(`A contact with +${phone} already exists`, {
    details: { reason: 'duplicate', id },
  });
}

function changed(current: Contact, expectedVersion: number): ConflictError {
  return new ConflictError(
    `The contact changed (version ${current.version}, not ${expectedVersion}); reload it`,
    {
      details: { reason: 'stale-version', version: current.version },
    },
  );
}
