import { html } from 'hono/html';
import { page } from './layout.ts';

/**
 * The sign-in page the seed asks for: WECARE.DIGITAL branding and one "Continue with SSO" button
 * to the Hosted UI, no password field; "Session expired, please login again." after a session ran out.
 */
export function loginPage(options: { expired: boolean; returnTo: string; failed?: string }) {
  return page(
    'Sign in',
    html`<main class="login">
      <h1 class="brand">WECARE<span>.DIGITAL</span></h1>
      <p class="tagline">Console for the WhatsApp assistant</p>
      ${options.expired ? html`<p class="notice" role="alert">Session expired, please login again.</p>` : ''}
      ${options.failed ? html`<p class="notice" role="alert">${options.failed}</p>` : ''}
      <a class="sso" href="/auth/login?returnTo=${encodeURIComponent(options.returnTo)}">Continue with SSO</a>
    </main>`,
  );
}
