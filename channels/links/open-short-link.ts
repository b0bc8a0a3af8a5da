import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from '#core/stores/invoice-store.ts';

/** What a payment link shows: the invoice it pays, in the figures the invoice was issued with. */
export type OpenedLink =
  | {
      found: true;
      invoice: Pick<
        Invoice,
        | 'id'
        | 'description'
        | 'pricePaise'
        | 'gstRateBasisPoints'
        | 'gstPaise'
        | 'amountPaise'
        | 'currency'
        | 'status'
      >;
    }
  | { found: false };

/** Link codes are eight base-62 characters (linkCodeOf); anything else cannot be a link. */
export const linkCodePattern = /^[0-9A-Za-z]{4,32}$/;

/**
 * A customer opens a short link from WhatsApp (`/l/<code>`): the invoice it pays, or nothing for a
 * code that is not a link (unknown, or not even shaped like one: never a DynamoDB key error). The
 * click is counted.
 */
export async function openShortLink(
  code: string,
  dependencies: { documents: DynamoDBDocumentClient; tables: { link: string; invoice: string } },
): Promise<OpenedLink> {
  if (!linkCodePattern.test(code)) return { found: false };
  const { documents, tables } = dependencies;
  const link = (await documents.send(new GetCommand({ TableName: tables.link, Key: { id: code } }))).Item;
  const invoice = link?.invoiceId
    ? ((await documents.send(new GetCommand({ TableName: tables.invoice, Key: { id: link.invoiceId } })))
        .Item as Invoice | undefined)
    : undefined;
  if (!link || !invoice) return { found: false };
  await documents.send(
    new UpdateCommand({
      TableName: tables.link,
      Key: { id: code },
      UpdateExpression: 'ADD clicks :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  const { id, description, pricePaise, gstRateBasisPoints, gstPaise, amountPaise, currency, status } =
    invoice;
  return {
    found: true,
    invoice: { id, description, pricePaise, gstRateBasisPoints, gstPaise, amountPaise, currency, status },
  };
}
