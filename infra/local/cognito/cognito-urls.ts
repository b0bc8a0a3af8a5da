import type { Config } from '#core/config/config-schema.ts';

/** The path of the Hosted UI on the stand-in server (Cognito's own paths follow it: `/oauth2/authorize`, …). */
export const hostedUiPath = '/cognito';

/**
 * Where the local stand-in plays `https://sso.wecare.digital` and the user pool's issuer: under
 * `/cognito` of the AWS stand-in server. These are the values the console's configuration takes
 * locally (`COGNITO_HOSTED_UI_DOMAIN`, `COGNITO_ISSUER_URL`).
 */
export function localHostedUiBase(config: Config): string {
  return `${config.local.awsEndpoint.replace(/\/+$/, '')}${hostedUiPath}`;
}

/** The local user pool's issuer (`iss`), as `https://cognito-idp.<region>.amazonaws.com/<pool>` is in AWS. */
export function localIssuer(config: Config): string {
  return `${localHostedUiBase(config)}/${config.cognito.userPoolId}`;
}

export function localJwksUrl(config: Config): string {
  return `${localIssuer(config)}/.well-known/jwks.json`;
}

/** The console's local callback URL, the only one the local app client accepts unless told others. */
export function localCallbackUrls(config: Config): string[] {
  return [`${config.local.consoleEndpoint.replace(/\/+$/, '')}/auth/callback`];
}

/** The console's local sign-out URL (the seed's `/logout`, as in production: no `/login`). */
export function localLogoutUrls(config: Config): string[] {
  return [`${config.local.consoleEndpoint.replace(/\/+$/, '')}/logout`];
}
