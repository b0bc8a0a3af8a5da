import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '#core/errors/app-errors.ts';

export type Channel = 'whatsapp' | 'sms' | 'email';

/**
 * A message the business would start to someone who opted out of that channel: refused before
 * the call, never sent, never dead-lettered (there is nothing to send later).
 */
export class OptedOutError extends AppError {
  readonly code = 'opted-out';
  readonly httpStatus = 409;
  readonly disposition = 'drop';
}

/**
 * The contacts' opt-outs, as every sender reads them before a message the business starts: by
 * phone (`by-phone`) for WhatsApp and SMS, by address (`by-email`) for email.
 */
export class OptOuts {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Whether the contact with this phone (E.164 digits, with or without `+`) opted out of `channel`. */
  async byPhone(phone: string, channel: 'whatsapp' | 'sms'): Promise<boolean> {
    return this.optedOut('by-phone', 'phone', phone.replace(/^\+/, ''), channel);
  }

  /** The addresses among `addresses` whose contact opted out of email. */
  async emailsOptedOut(addresses: readonly string[]): Promise<string[]> {
    const out = await Promise.all(
      addresses.map(async (address) =>
        (await this.optedOut('by-email', 'email', address.toLowerCase(), 'email')) ? address : undefined,
      ),
    );
    return out.filter((address): address is string => address !== undefined);
  }

  /** Refuses with OptedOutError when the phone's contact opted out of `channel`. */
  async requireReachable(phone: string, channel: 'whatsapp' | 'sms'): Promise<void> {
    if (await this.byPhone(phone, channel))
      throw new OptedOutError(
        `The customer opted out of ${channel === 'sms' ? 'SMS' : 'WhatsApp'} messages from us`,
        {
          details: { channel },
        },
      );
  }

  private async optedOut(index: string, key: string, value: string, channel: Channel): Promise<boolean> {
    const found = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':value': value },
        ProjectionExpression: 'optOut',
        Limit: 5,
      }),
    );
    return (found.Items ?? []).some(
      (item) => (item.optOut as Record<string, unknown> | undefined)?.[channel] === true,
    );
  }
}
