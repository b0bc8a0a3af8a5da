import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

/** What the agent's tools may do for one customer a limited number of times an hour. */
export type LimitedAction = 'invoice' | 'template';

/**
 * Per-customer hourly limits on the agent's effects (quotes and invoices, template sends), so that
 * a customer, or an instruction planted in a conversation, cannot make the bot send a stream of
 * payment links or templates. One counter item per customer, action and clock hour in the
 * idempotency table (its TTL attribute `expiration` removes it), taken with a conditional `ADD`:
 * concurrent Lambda instances share it, and the limit holds exactly.
 */
export class CustomerActionLimits {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Takes one of `perHour` for this customer and action; false when the hour's are used up. */
  async take(customerWaId: string, action: LimitedAction, perHour: number, nowMs: number): Promise<boolean> {
    const hour = Math.floor(nowMs / 3_600_000);
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: `limit#${action}#${customerWaId}#${hour}` },
          UpdateExpression: 'ADD #used :one SET expiration = if_not_exists(expiration, :expiration)',
          ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
          ExpressionAttributeNames: { '#used': 'used' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': perHour,
            // Kept an hour past its own hour, then removed by the table's TTL.
            ':expiration': (hour + 2) * 3600,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
