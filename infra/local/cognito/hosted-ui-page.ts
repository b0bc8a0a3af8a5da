import type { LocalUser } from './cognito-users.ts';

const brand = 'WECARE.DIGITAL — local sign-in';
const standsFor = '(stand-in for sso.wecare.digital)';

const style = `body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;color:#1b2733}
main{max-width:30rem;margin:3rem auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0002}
h1{font-size:1.25rem;margin:0 0 .25rem}h1 span{display:block;font-size:.85rem;font-weight:400;color:#55636f}
h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#55636f;margin:1.5rem 0 .5rem}
button{display:block;width:100%;text-align:left;padding:.7rem 1rem;margin:.4rem 0;border:1px solid #c9d3dc;
border-radius:8px;background:#fff;font-size:1rem;cursor:pointer}button:hover,button:focus{border-color:#0b6e4f;background:#eef8f3}
button small{display:block;color:#55636f;font-size:.8rem}.continue{border-color:#0b6e4f;background:#eef8f3}
.note{color:#55636f;font-size:.9rem}.error{color:#a12622}`;

/** Headers of every Hosted UI page: not cached, not framed. */
export const pageHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
} as const;

/**
 * The sign-in page: one button per user, grouped by Cognito group (in the pool's order, then any
 * other, then users in no group); no password field. With a Hosted UI session, its user is offered
 * first, as Cognito offers "Sign in as …".
 */
export function signInPage(input: {
  formAction: string;
  requestId: string;
  users: readonly LocalUser[];
  groups: readonly string[];
  signedIn?: LocalUser | undefined;
}): string {
  const sections = [...new Set([...input.groups, ...input.users.flatMap((user) => user.groups)])].map(
    (group) => [group, input.users.filter((user) => user.groups.includes(group))] as const,
  );
  const ungrouped = input.users.filter((user) => user.groups.length === 0);
  if (ungrouped.length > 0) sections.push(['Not in any group', ungrouped]);
  const continueAs = input.signedIn
    ? `<p class="note">You are signed in.</p>${userButton(input.signedIn, 'Continue as ', 'continue')}`
    : '';
  const picker = sections
    .filter(([, users]) => users.length > 0)
    .map(
      ([group, users]) =>
        `<section><h2>${escapeHtml(group)}</h2>${users.map((user) => userButton(user)).join('')}</section>`,
    )
    .join('');
  return document(
    `<p class="note">Choose who you are. On this machine there are no passwords: the tokens are signed by a key made when the stand-in started.</p>
<form method="post" action="${escapeHtml(input.formAction)}"><input type="hidden" name="request" value="${escapeHtml(input.requestId)}">${continueAs}${picker}</form>`,
  );
}

/** Cognito's error page: the request is not sent anywhere. */
export function errorPage(message: string): string {
  return document(
    `<p class="error">An error was encountered with the requested page.</p><p class="note">${escapeHtml(message)}</p>`,
  );
}

function userButton(user: LocalUser, prefix = '', className = ''): string {
  const classAttribute = className ? ` class="${className}"` : '';
  return `<button type="submit" name="username" value="${escapeHtml(user.username)}"${classAttribute}>${escapeHtml(prefix)}<span lang="${user.nameLanguage}">${escapeHtml(user.name)}</span><small>${escapeHtml(user.username)} · ${escapeHtml(user.email)}</small></button>`;
}

function document(body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · ${escapeHtml(brand)}</title><style>${style}</style></head>
<body><main><h1>${escapeHtml(brand)} <span>${escapeHtml(standsFor)}</span></h1>
${body}
</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
