import type { Config } from '#core/config/config-schema.ts';

/** The part of Cognito's DescribeUserPoolClient answer the console's sign-in depends on. */
export interface AppClientSettings {
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  AllowedOAuthFlows?: string[];
  AllowedOAuthScopes?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  ClientSecret?: string;
}

/**
 * What is wrong with the console's public app client, against the seed's AUTH section: exactly the
 * callback and sign-out URLs of the list (never a wildcard, never plain http), the authorization
 * code flow only, the listed scopes, and no secret (a browser cannot keep one). Empty when right.
 */
export function appClientProblems(config: Config, client: AppClientSettings): string[] {
  const problems: string[] = [];
  const compare = (what: string, expected: readonly string[], actual: readonly string[] = []) => {
    for (const url of actual) {
      if (url.includes('*')) problems.push(`${what} ${url} is a wildcard`);
      else if (!url.startsWith('https://')) problems.push(`${what} ${url} is not https`);
      else if (!expected.includes(url)) problems.push(`${what} ${url} is not in the seed's list`);
    }
    for (const url of expected)
      if (!actual.includes(url)) problems.push(`${what} ${url} of the seed's list is missing`);
  };
  compare('callback URL', config.cognito.callbackUrls, client.CallbackURLs);
  compare('sign-out URL', config.cognito.logoutUrls, client.LogoutURLs);
  if (!client.AllowedOAuthFlowsUserPoolClient) problems.push('OAuth flows are not enabled for the client');
  const flows = client.AllowedOAuthFlows ?? [];
  if (!flows.includes('code')) problems.push('the authorization code flow is not allowed');
  for (const flow of flows)
    if (flow !== 'code')
      problems.push(`the ${flow} flow is allowed: only the authorization code flow (with PKCE) is`);
  for (const scope of client.AllowedOAuthScopes ?? [])
    if (!config.cognito.scopes.includes(scope))
      problems.push(`scope ${scope} is allowed but not in the seed's list`);
  for (const scope of config.cognito.scopes)
    if (!(client.AllowedOAuthScopes ?? []).includes(scope)) problems.push(`scope ${scope} is not allowed`);
  if (client.ClientSecret) problems.push('the public client has a secret: a browser cannot keep it');
  return problems;
}
