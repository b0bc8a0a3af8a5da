import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The item keys (`id`) of every request this client sends from now on, in order, failed
 * conditional writes included: what a test counts when it asserts how many requests an effect costs.
 */
export function keysRequested(documents: DynamoDBDocumentClient): string[] {
  const keys: string[] = [];
  documents.middlewareStack.add(
    (next) => async (args) => {
      const id = (args.input as { Key?: { id?: unknown } }).Key?.id;
      // Marshalled ({ S: ... }) or not, depending on where the document client's marshalling ran.
      const key = typeof id === 'object' && id !== null && 'S' in id ? (id as { S: string }).S : id;
      if (typeof key === 'string') keys.push(key);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'keysRequested' },
  );
  return keys;
}
