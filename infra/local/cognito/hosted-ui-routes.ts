import * as z from 'zod';
import type { HttpResponse, HttpRoute, StandInRequest } from '../aws-stand-in/stand-in-api.ts';
import { readAuthorizeRequest } from './authorize-request.ts';
import { hostedUiPath } from './cognito-urls.ts';
import { errorPage, pageHeaders, signInPage } from './hosted-ui-page.ts';
import type { LocalCognito } from './local-cognito.ts';
import { formFields, OAuthError, parseOAuth, singleValued } from './oauth-error.ts';

/** The Hosted UI's session cookie (Cognito's is also named `cognito`), scoped to the stand-in's Hosted UI. */
const sessionCookie = 'cognito';
const authorizePath = `${hostedUiPath}/oauth2/authorize`;

const PickForm = z.object({
  request: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a sign-in request id'),
  username: z.string().min(1).max(128),
});

const LogoutQuery = z.object({
  client_id: z.string().max(128),
  logout_uri: z.string().max(2048),
});

/**
 * The browser's side of the Hosted UI: `GET /oauth2/authorize` (the user picker, or straight back
 * with `login_hint`), `POST /oauth2/authorize` (the picker's choice) and `GET /logout`.
 */
export function hostedUiRoutes(cognito: LocalCognito): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: authorizePath,
      handle(request) {
        const read = readAuthorizeRequest(request.query, cognito.client);
        if ('refused' in read)
          return 'page' in read.refused
            ? page(errorPage(read.refused.page), 400)
            : redirect(read.refused.redirect);
        const hinted = cognito.user(read.request.loginHint);
        if (hinted) return signedIn(cognito.signIn(read.request, hinted));
        return page(
          signInPage({
            formAction: authorizePath,
            requestId: cognito.holdRequest(read.request),
            users: cognito.users,
            groups: cognito.client.groups,
            signedIn: cognito.sessionUser(cookieOf(request, sessionCookie)),
          }),
        );
      },
    },
    {
      method: 'POST',
      path: authorizePath,
      handle(request) {
        try {
          const form = parseOAuth(PickForm, formFields(request));
          const user = cognito.user(form.username);
          if (!user) return page(errorPage(`There is no user ${form.username} in the local user pool.`), 400);
          const pending = cognito.takeRequest(form.request);
          // Checked again: the allowed callback URLs may have changed while the page was open.
          if (!pending || !cognito.client.callbackUrls.includes(pending.redirectUri))
            return page(
              errorPage('This sign-in has expired or was already used: start again from the app.'),
              400,
            );
          return signedIn(cognito.signIn(pending, user));
        } catch (error) {
          if (error instanceof OAuthError) return page(errorPage(error.description), 400);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      path: `${hostedUiPath}/logout`,
      handle(request) {
        let query: z.infer<typeof LogoutQuery>;
        try {
          query = parseOAuth(LogoutQuery, singleValued(request.query));
        } catch (error) {
          if (error instanceof OAuthError) return page(errorPage(error.description), 400);
          throw error;
        }
        if (query.client_id !== cognito.client.clientId)
          return page(errorPage('unauthorized_client: unknown client_id'), 400);
        if (!cognito.isLogoutUrl(query.logout_uri))
          return page(errorPage('redirect_mismatch: logout_uri is not an allowed sign-out URL'), 400);
        cognito.signOut(cookieOf(request, sessionCookie));
        return redirect(query.logout_uri, `${sessionCookie}=; ${cookieAttributes}; Max-Age=0`);
      },
    },
  ];
}

const cookieAttributes = `Path=${hostedUiPath}; HttpOnly; SameSite=Lax`;

function signedIn(result: { redirect: string; sessionId: string }): HttpResponse {
  return redirect(result.redirect, `${sessionCookie}=${result.sessionId}; ${cookieAttributes}; Max-Age=3600`);
}

function redirect(location: string, setCookie?: string): HttpResponse {
  return {
    status: 302,
    raw: '',
    headers: { location, 'cache-control': 'no-store', ...(setCookie ? { 'set-cookie': setCookie } : {}) },
  };
}

function page(html: string, status = 200): HttpResponse {
  return { status, raw: html, contentType: 'text/html; charset=utf-8', headers: pageHeaders };
}

function cookieOf(request: StandInRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || undefined;
  }
  return undefined;
}
