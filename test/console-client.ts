import { consoleApp } from '#api/console-app.ts';
import { consoleDependencies } from '#api/console-dependencies.ts';
import { testClients, testConfig } from './local-clients.ts';

/** The console's app in-process, on the test run's local world (short event streams). */
export function testConsole(overrides: Record<string, string> = {}) {
  const dependencies = consoleDependencies(testConfig(overrides), testClients(overrides), {
    events: { pollMs: 100, durationMs: 4000 },
  });
  return { app: consoleApp(dependencies), desk: dependencies.desk };
}

/** A real access token from the local Cognito stand-in, for a seeded user. */
export async function accessToken(username: string): Promise<string> {
  const response = await fetch(`${testConfig().local.awsEndpoint}/__stand-in/cognito/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`The Cognito stand-in gave no token for ${username}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Calls the console as a signed-in person (the access token as a bearer header). */
export function consoleCaller(app: ReturnType<typeof consoleApp>, token: string) {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  return {
    get: (path: string, accept = 'application/json') =>
      app.request(path, { headers: { ...headers, accept } }),
    post: (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    /** A multipart form, as the page sends a file (the boundary set from the body). */
    postForm: (path: string, form: FormData) => app.request(path, { method: 'POST', headers, body: form }),
  };
}

export const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;
