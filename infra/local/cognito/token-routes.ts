import * as z from 'zod';
import type { HttpRoute } from '../aws-stand-in/stand-in-api.ts';
import { pkceValue } from './authorize-request.ts';
import { hostedUiPath } from './cognito-urls.ts';
import type { LocalCognito } from './local-cognito.ts';
import { answerOAuth, formFields, noStore, OAuthError, parseOAuth } from './oauth-error.ts';

const clientId = z.string().min(1).max(128);

const CodeGrant = z.object({
  code: z.string().min(1).max(256),
  redirect_uri: z.string().min(1).max(2048),
  client_id: clientId,
  code_verifier: pkceValue,
});

const RefreshGrant = z.object({
  refresh_token: z.string().min(1).max(4096),
  client_id: clientId,
});

const RevokeForm = z.object({ token: z.string().min(1).max(4096), client_id: clientId });

const BearerHeader = z.string().regex(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

/**
 * Tokens and what vouches for them: `POST /oauth2/token` (the code grant with PKCE, and refresh),
 * `POST /oauth2/revoke`, `GET /oauth2/userInfo`, and under the issuer the OpenID discovery
 * document and the JWKS. Refusals are OAuth's `{ error, error_description }`.
 */
export function tokenRoutes(cognito: LocalCognito): HttpRoute[] {
  const issuerPath = `${hostedUiPath}/${cognito.client.userPoolId}`;
  return [
    {
      method: 'POST',
      path: `${hostedUiPath}/oauth2/token`,
      handle: (request) =>
        answerOAuth(async () => {
          const form = formFields(request);
          if (form.grant_type === 'authorization_code') {
            const input = parseOAuth(CodeGrant, form);
            const tokens = await cognito.exchangeCode({
              code: input.code,
              redirectUri: input.redirect_uri,
              clientId: input.client_id,
              codeVerifier: input.code_verifier,
            });
            return { json: tokens, headers: noStore };
          }
          if (form.grant_type === 'refresh_token') {
            const input = parseOAuth(RefreshGrant, form);
            const tokens = await cognito.refresh({
              refreshToken: input.refresh_token,
              clientId: input.client_id,
            });
            return { json: tokens, headers: noStore };
          }
          if (form.grant_type === undefined)
            throw new OAuthError('invalid_request', 'grant_type is required');
          throw new OAuthError(
            'unsupported_grant_type',
            'Only authorization_code and refresh_token are allowed',
          );
        }),
    },
    {
      method: 'POST',
      path: `${hostedUiPath}/oauth2/revoke`,
      handle: (request) =>
        answerOAuth(() => {
          const input = parseOAuth(RevokeForm, formFields(request));
          cognito.revoke({ token: input.token, clientId: input.client_id });
          return { raw: '', headers: noStore };
        }),
    },
    {
      method: 'GET',
      path: `${hostedUiPath}/oauth2/userInfo`,
      handle: (request) =>
        answerOAuth(async () => {
          const header = BearerHeader.safeParse(request.headers.authorization);
          if (!header.success) throw new OAuthError('invalid_token', 'A Bearer access token is required');
          return { json: await cognito.userInfo(header.data.slice('Bearer '.length)), headers: noStore };
        }),
    },
    {
      method: 'GET',
      path: `${issuerPath}/.well-known/jwks.json`,
      handle: async () => ({ json: await cognito.jwks() }),
    },
    {
      method: 'GET',
      path: `${issuerPath}/.well-known/openid-configuration`,
      handle() {
        const { hostedUi, issuer, jwks } = cognito.urls;
        // The members Cognito's own document has (it names no end_session_endpoint: sign-out is `/logout`).
        return {
          json: {
            authorization_endpoint: `${hostedUi}/oauth2/authorize`,
            id_token_signing_alg_values_supported: ['RS256'],
            issuer,
            jwks_uri: jwks,
            response_types_supported: ['code'],
            revocation_endpoint: `${hostedUi}/oauth2/revoke`,
            scopes_supported: [...cognito.client.scopes],
            subject_types_supported: ['public'],
            token_endpoint: `${hostedUi}/oauth2/token`,
            token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
            userinfo_endpoint: `${hostedUi}/oauth2/userInfo`,
          },
        };
      },
    },
  ];
}
