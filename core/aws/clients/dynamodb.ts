import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { baseOptions, registerClient } from '../client-registry.ts';

registerClient('dynamoDb', (config) => new DynamoDBClient(baseOptions(config, 'dynamodb')));
registerClient('documents', (_config, clients) =>
  DynamoDBDocumentClient.from(clients.dynamoDb, { marshallOptions: { removeUndefinedValues: true } }),
);
