import { describe, expect, it } from 'vitest';
import { loadConfig } from '#core/config/load-config.ts';
import { type AppClientSettings, appClientProblems } from './app-client-problems.ts';

const config = loadConfig({ WECARE_ENV: 'aws' });
const asSeedRequires: AppClientSettings = {
  CallbackURLs: [...config.cognito.callbackUrls],
  LogoutURLs: [...config.cognito.logoutUrls],
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: [...config.cognito.scopes],
  AllowedOAuthFlowsUserPoolClient: true,
};

describe("the console app client's check", () => {
  it('passes the client the seed describes', () => {
    expect(appClientProblems(config, asSeedRequires)).toEqual([]);
  });

  it('names a wildcard, a plain-http URL, a URL not in the list and a missing one', () => {
    const problems = appClientProblems(config, {
      ...asSeedRequires,
      CallbackURLs: [
        'https://*.wecare.digital/auth/callback',
        'http://base.wecare.digital/auth/callback',
        'https://evil.example/cb',
      ],
    });
    expect(problems).toEqual([
      'callback URL https://*.wecare.digital/auth/callback is a wildcard',
      'callback URL http://base.wecare.digital/auth/callback is not https',
      "callback URL https://evil.example/cb is not in the seed's list",
      "callback URL https://base.wecare.digital/auth/callback of the seed's list is missing",
      "callback URL https://base.dtiq7il2x5c5g.amplifyapp.com/auth/callback of the seed's list is missing",
    ]);
  });

  it('refuses the implicit flow, extra scopes and a secret on the public client', () => {
    const problems = appClientProblems(config, {
      ...asSeedRequires,
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: [...config.cognito.scopes, 'aws.cognito.signin.user.admin'],
      ClientSecret: 'shh',
    });
    expect(problems).toEqual([
      'the implicit flow is allowed: only the authorization code flow (with PKCE) is',
      "scope aws.cognito.signin.user.admin is allowed but not in the seed's list",
      'the public client has a secret: a browser cannot keep it',
    ]);
  });
});
