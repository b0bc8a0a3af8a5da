import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../errors/app-errors.ts';

/**
 * `quoted`: the customer was shown the price and asked to confirm; `confirmed` (or
 * `pending-approval` above the approval threshold) once they did; `issued` with its payment link;
 * `declined` when they said no; `rejected` by an Operator; `paid`.
 */
export type InvoiceStatus =
  | 'quoted'
  | 'declined'
  | 'confirmed'
  | 'pending-approval'
  | 'issued'
  | 'rejected'
  | 'paid';

export interface Invoice {
  id: string;
  conversationId: string;
  customerWaId: string;
  /** The catalog service, and its name when quoted. */
  serviceId: string;
  description: string;
  /** Integer minor units (paise), never floats: the catalog's price, GST on it, and the total charged. */
  pricePaise: number;
  gstRateBasisPoints: number;
  gstPaise: number;
  amountPaise: number;
  currency: 'INR';
  status: InvoiceStatus;
  /** Until when a quote may be confirmed. */
  quoteExpiresAtMs: number;
  /** What asked for it: the inbound wamid the agent was answering. */
  requestId: string;
  createdAt: string;
  createdAtMs: number;
  linkCode: string | null;
  /** When the customer confirmed the quote. */
  confirmedAtMs?: number;
  decidedBy?: string;
  decisionReason?: string;
  /** Set only while the invoice waits for an Operator: the key of the sparse `awaiting-approval` index. */
  approvalQueue?: typeof approvalQueue;
}

/** The one partition of the `awaiting-approval` index (a handful of invoices wait at any time). */
const approvalQueue = 'pending';

/**
 * Invoices (InvoiceTable), their payment records (PayTable) and short links (LinkTable). Ids are
 * derived from what was asked (conversation, request, description, amount), and every write is
 * conditional, so a retried step converges on the same three items instead of duplicating them.
 */
export class InvoiceStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: { invoice: string; pay: string; link: string },
  ) {}

  static invoiceIdOf(conversationId: string, requestId: string, serviceId: string): string {
    return `inv-${createHash('sha256').update([conversationId, requestId, serviceId].join('|')).digest('hex').slice(0, 20)}`;
  }

  /** Creates the invoice once; a repeat of the same request returns the invoice already made. */
  async createOnce(invoice: Invoice): Promise<Invoice> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tables.invoice,
          Item: invoice.status === 'pending-approval' ? { ...invoice, approvalQueue } : invoice,
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return invoice;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(invoice.id);
      if (!existing) throw error;
      return existing;
    }
  }

  async get(id: string): Promise<Invoice | undefined> {
    const found = await this.documents.send(
      new GetCommand({ TableName: this.tables.invoice, Key: { id }, ConsistentRead: true }),
    );
    return found.Item as Invoice | undefined;
  }

  /** Issues the payment record and the short link (both idempotent) and marks the invoice issued. */
  async issue(invoice: Invoice, now: Date): Promise<Invoice> {
    const linkCode = linkCodeOf(invoice.id);
    await putIfAbsent(this.documents, this.tables.pay, {
      id: `pay-${invoice.id}`,
      invoiceId: invoice.id,
      amountPaise: invoice.amountPaise,
      currency: invoice.currency,
      status: 'awaiting-payment',
      createdAt: now.toISOString(),
    });
    await putIfAbsent(this.documents, this.tables.link, {
      id: linkCode,
      kind: 'invoice-payment',
      invoiceId: invoice.id,
      createdAt: now.toISOString(),
      clicks: 0,
    });
    return this.decide(
      invoice.id,
      { status: 'issued', linkCode },
      ['confirmed', 'pending-approval', 'issued'],
      undefined,
      ['approvalQueue'],
    );
  }

  /**
   * The customer confirmed a quote: only a quote of this conversation, still open and unexpired,
   * moves on (to `pending-approval` above the threshold, else `confirmed`). A second tap, another
   * customer's button or an expired quote gets a ConflictError saying what the invoice is.
   */
  async confirmQuote(
    id: string,
    scope: { conversationId: string; nowMs: number; approvalAbovePaise: number },
  ): Promise<Invoice> {
    const invoice = await this.get(id);
    if (!invoice || invoice.conversationId !== scope.conversationId)
      throw new NotFoundError(`Invoice ${id} is not a quote of this conversation`);
    const pending = invoice.amountPaise > scope.approvalAbovePaise;
    const fields = pending
      ? { status: 'pending-approval', confirmedAtMs: scope.nowMs, approvalQueue }
      : { status: 'confirmed', confirmedAtMs: scope.nowMs };
    return this.decide(id, fields, ['quoted'], {
      expression: 'conversationId = :conversation AND quoteExpiresAtMs > :now',
      values: { ':conversation': scope.conversationId, ':now': scope.nowMs },
    });
  }

  async declineQuote(id: string, scope: { conversationId: string }): Promise<Invoice> {
    return this.decide(id, { status: 'declined' }, ['quoted'], {
      expression: 'conversationId = :conversation',
      values: { ':conversation': scope.conversationId },
    });
  }

  async reject(id: string, operatorId: string, reason: string): Promise<Invoice> {
    return this.decide(
      id,
      { status: 'rejected', decidedBy: operatorId, decisionReason: reason },
      ['pending-approval'],
      undefined,
      ['approvalQueue'],
    );
  }

  /** Invoices waiting for an Operator's approval, longest waiting first (the sparse index: no Scan). */
  async awaitingApproval(limit: number): Promise<Invoice[]> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tables.invoice,
        IndexName: 'awaiting-approval',
        KeyConditionExpression: 'approvalQueue = :queue',
        ExpressionAttributeValues: { ':queue': approvalQueue },
        Limit: limit,
      }),
    );
    return (found.Items ?? []) as Invoice[];
  }

  async markApprovedBy(id: string, operatorId: string): Promise<void> {
    await this.decide(id, { decidedBy: operatorId }, ['pending-approval']);
  }

  /** Sets `fields` (and removes `remove`) if the invoice is in one of the `from` states; otherwise says what it is. */
  private async decide(
    id: string,
    fields: Record<string, unknown>,
    from: InvoiceStatus[],
    also?: { expression: string; values: Record<string, unknown> },
    remove: string[] = [],
  ): Promise<Invoice> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(fields).map(([key, value], index) => {
      names[`#f${index}`] = key;
      values[`:f${index}`] = value;
      return `#f${index} = :f${index}`;
    });
    from.forEach((status, index) => {
      values[`:from${index}`] = status;
    });
    names['#status'] = 'status';
    Object.assign(values, also?.values ?? {});
    try {
      const updated = await this.documents.send(
        new UpdateCommand({
          TableName: this.tables.invoice,
          Key: { id },
          UpdateExpression: `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(id) AND #status IN (${from.map((_, index) => `:from${index}`).join(', ')})${also ? ` AND ${also.expression}` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return updated.Attributes as Invoice;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`Invoice ${id} does not exist`);
      throw new ConflictError(`Invoice ${id} is ${current.status}`, { details: { status: current.status } });
    }
  }
}

/** Eight base-62 characters derived from the invoice id: short, unguessable enough, and stable. */
export function linkCodeOf(invoiceId: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digest = createHash('sha256').update(`link|${invoiceId}`).digest();
  return Array.from(digest.subarray(0, 8), (byte) => alphabet[byte % 62]).join('');
}

async function putIfAbsent(
  documents: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<void> {
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(id)' }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
