import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { StandInApi } from '../aws-stand-in/stand-in-api.ts';
import { LocalUser } from './cognito-users.ts';
import { hostedUiRoutes } from './hosted-ui-routes.ts';
import type { LocalCognito } from './local-cognito.ts';
import { answerOAuth, noStore, OAuthError, parseOAuth } from './oauth-error.ts';
import { tokenRoutes } from './token-routes.ts';

const NewUserRequest = LocalUser.pick({ username: true, name: true, email: true }).extend({
  groups: z
    .array(z.enum(['Viewer', 'Operator', 'Admin']))
    .max(3)
    .optional(),
});

const SignRequest = z.object({ claims: z.record(z.string(), z.unknown()) });

const TokensRequest = z.object({
  username: z.string().min(1).max(128),
  ttlSeconds: z.number().int().min(1).max(86_400).optional(),
});

/**
 * The Cognito Hosted UI and user pool tokens under `/cognito` (the local `https://sso.wecare.digital`),
 * and the stand-in's own test hooks, which no Cognito has:
 * - `POST /__stand-in/cognito/tokens` `{ username, ttlSeconds? }` → a token set, without the browser;
 * - `POST /__stand-in/cognito/sign` `{ claims }` → `{ token }`: those claims signed with the pool's
 *   key, to test each of the console's checks on its own;
 * - `GET /__stand-in/cognito/users` → the pool's users (username, sub, name, email, groups);
 * - `POST /__stand-in/cognito/users` `{ username, name, email, groups? }` → a new user (a test's own
 *   person, whose groups it may change without touching anyone else's);
 * - `GET /__stand-in/cognito/app-client` → the public client's id, exact callback and sign-out URLs
 *   and scopes (what DescribeUserPoolClient tells in AWS).
 */
export function cognitoApi(cognito: LocalCognito): StandInApi {
  return {
    name: 'cognito',
    signingName: 'none',
    protocol: 'rest-json',
    operations: [],
    httpRoutes: [
      ...hostedUiRoutes(cognito),
      ...tokenRoutes(cognito),
      {
        method: 'POST',
        path: '/__stand-in/cognito/tokens',
        handle: (request) =>
          answerOAuth(async () => {
            const input = parseOAuth(TokensRequest, jsonBody(request.body));
            return { json: await cognito.issueTokens(input.username, input.ttlSeconds), headers: noStore };
          }),
      },
      {
        method: 'POST',
        path: '/__stand-in/cognito/sign',
        handle: (request) =>
          answerOAuth(async () => {
            const input = parseOAuth(SignRequest, jsonBody(request.body));
            return { json: { token: await cognito.signClaims(input.claims) }, headers: noStore };
          }),
      },
      {
        method: 'GET',
        path: '/__stand-in/cognito/users',
        handle: () => ({ json: { users: cognito.users } }),
      },
      {
        method: 'POST',
        path: '/__stand-in/cognito/users',
        handle: (request) =>
          answerOAuth(async () => {
            const input = parseOAuth(NewUserRequest, jsonBody(request.body));
            if (cognito.user(input.username))
              throw new OAuthError('invalid_request', `${input.username} is already in the pool`);
            const user = {
              sub: randomUUID(),
              nameLanguage: 'en' as const,
              ...input,
              groups: input.groups ?? [],
            };
            cognito.addUser(user);
            return { json: user, headers: noStore };
          }),
      },
      {
        method: 'GET',
        path: '/__stand-in/cognito/app-client',
        handle: () => ({ json: cognito.appClient() }),
      },
    ],
  };
}

function jsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new OAuthError('invalid_request', 'Body must be JSON');
  }
}
