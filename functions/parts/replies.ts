import '#core/aws/clients/dynamodb.ts';
import { ReplyCoordination } from '#core/stores/reply-coordination.ts';
import { part } from '../composition-root.ts';

/** Who answers which waiting message, on the conversations table. */
export const replies = part(
  ({ config, clients }) => new ReplyCoordination(clients.documents, config.tables.conversations),
);
