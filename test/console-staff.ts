import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { testClients, testConfig } from './local-clients.ts';

/**
 * The console app in-process against the test world, and staff members' real tokens from the
 * local user pool (the Cognito stand-in's test hooks): what the console's tests sign in with.
 */
export const testConsole = () => consoleApp(consoleDependencies(testConfig(), testClients()));

export const staffUsers = {
  viewer: 'vikram.viewer',
  operator: 'meera.operator',
  admin: 'anita.admin',
  unassigned: 'ravi.unassigned',
} as const;

const standIn = () => testConfig().local.awsEndpoint;

export async function tokensOf(
  username: string,
  ttlSeconds?: number,
): Promise<{ access_token: string; id_token: string; refresh_token: string; expires_in: number }> {
  const response = await fetch(`${standIn()}/__stand-in/cognito/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, ...(ttlSeconds ? { ttlSeconds } : {}) }),
  });
  if (!response.ok) throw new Error(`No tokens for ${username}: ${response.status}`);
  return (await response.json()) as never;
}

/** Claims signed with the pool's own key: a token genuine in every way the test does not change. */
export async function signedWithPoolKey(claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${standIn()}/__stand-in/cognito/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ claims }),
  });
  return ((await response.json()) as { token: string }).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A person of one test only, in no group yet (the stand-in's hook; AdminCreateUser in Cognito). */
export async function newStaffMember(prefix: string): Promise<string> {
  const username = `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const response = await fetch(`${standIn()}/__stand-in/cognito/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, name: 'প্রিয়া বসু', email: `${username}@wecare.digital` }),
  });
  if (!response.ok) throw new Error(`The Cognito stand-in added no user: ${response.status}`);
  return username;
}

/** A request to the console app in-process as a signed-in person (the access token as a bearer header). */
export function callerOf(app: {
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
}) {
  return async (token: string, method: string, path: string, body?: unknown): Promise<Response> =>
    app.request(path, {
      method,
      headers: {
        ...bearer(token),
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
