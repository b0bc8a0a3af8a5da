import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

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
