import '#core/aws/clients/cognito.ts';
import '#core/aws/clients/dynamodb.ts';
import { consoleDesk } from '#agent/console/console-desk.ts';
import type { AwsClients } from '#core/aws/client-registry.ts';
import type { Config } from '#core/config/config-schema.ts';
import { AuditStore } from '#core/stores/audit-store.ts';
import { accessTokenVerifier } from './auth/access-token-verifier.ts';
import { cognitoEndpoints } from './auth/cognito-endpoints.ts';
import { tokenClient } from './auth/token-client.ts';

/** What the console's app is built from: configuration, the user pool's endpoints, the stores. */
export function consoleDependencies(
  config: Config,
  clients: AwsClients,
  options: { events?: { pollMs: number; durationMs: number } } = {},
) {
  const endpoints = cognitoEndpoints(config);
  const audit = new AuditStore(clients.documents, config.tables.audit, config.auditRetentionDays);
  return {
    config,
    clients,
    endpoints,
    verifier: accessTokenVerifier(endpoints),
    tokens: tokenClient(endpoints),
    audit,
    /** The user pool's users and their groups (Users and roles). */
    staffDirectory: {
      cognito: clients.cognito,
      userPoolId: config.cognito.userPoolId,
      groups: config.cognito.groups,
      audit,
    },
    /** The stores, ownership rules and sender the console's routes work with. */
    desk: consoleDesk(config, clients),
    /** Live updates: each event stream looks every `pollMs` for `durationMs`, then ends (Lambda keeps no shared memory). */
    events: options.events ?? { pollMs: 2000, durationMs: 25_000 },
  };
}

export type ConsoleDependencies = ReturnType<typeof consoleDependencies>;
