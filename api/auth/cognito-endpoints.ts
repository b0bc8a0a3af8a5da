import type { Config } from '#core/config/config-schema.ts';

/**
 * Where the console's sign-in talks to: the Hosted UI (`https://sso.wecare.digital` in production;
 * the local stand-in on one machine), the user pool's issuer and its keys, and the console's own
 * callback and sign-out URLs, which must be exactly those the app client allows.
 */
export function cognitoEndpoints(config: Config) {
  const hostedUi = config.cognito.hostedUiDomain.replace(/\/$/, '');
  const issuer =
    config.cognito.issuerUrl?.replace(/\/$/, '') ??
    `https://cognito-idp.${config.aws.region}.amazonaws.com/${config.cognito.userPoolId}`;
  const console = config.console.baseUrl.replace(/\/$/, '');
  return {
    authorize: `${hostedUi}/oauth2/authorize`,
    token: `${hostedUi}/oauth2/token`,
    revoke: `${hostedUi}/oauth2/revoke`,
    logout: `${hostedUi}/logout`,
    issuer,
    jwks: `${issuer}/.well-known/jwks.json`,
    clientId: config.cognito.publicClientId,
    scopes: config.cognito.scopes,
    callbackUrl: `${console}/auth/callback`,
    signOutUrl: `${console}/logout`,
    consoleOrigin: new URL(console).origin,
  };
}

export type CognitoEndpoints = ReturnType<typeof cognitoEndpoints>;
