import { html } from 'hono/html';
import type { StaffUser } from '#core/staff/staff-directory.ts';
import type { StaffMember } from '../auth/roles.ts';
import { page } from './layout.ts';
import { named, topBar } from './page-parts.ts';

/**
 * Users and roles (Admin): each user of the pool with a switch per console group. A change shows in
 * that person's console at their next token refresh; nobody can take away their own Admin role.
 */
export function usersPage(staff: StaffMember, users: StaffUser[], groups: readonly string[]) {
  return page(
    'Users',
    html`${topBar(staff)}
      <main class="admin" data-page="admin">
        <h1>Users and roles</h1>
        <p class="keys">A change applies at the person's next sign-in or token refresh (within an hour).</p>
        <p id="status" role="status" aria-live="polite"></p>
        <table id="users" class="grid">
          <thead>
            <tr><th>User</th><th>Name</th><th>Email</th><th>Status</th>${groups.map((group) => html`<th>${group}</th>`)}</tr>
          </thead>
          <tbody>
            ${users.map(
              (user) => html`<tr data-username="${user.username}">
                <td>${user.username}</td>
                <td>${user.name ? named(user.name) : ''}</td>
                <td>${user.email ?? ''}</td>
                <td>${user.enabled ? user.status : 'DISABLED'}</td>
                ${groups.map((group) => {
                  const member = user.groups.includes(group);
                  const own = group === 'Admin' && member && user.username === staff.username;
                  return html`<td>
                    <form data-action="/api/users/${encodeURIComponent(user.username)}/groups" data-refresh="#users">
                      <input type="hidden" name="group" value="${group}" />
                      <input type="hidden" name="action" value="${member ? 'remove' : 'add'}" />
                      <button type="submit" class="${member ? 'member' : 'not-member'}" aria-pressed="${String(member)}"
                        ${own ? html`disabled title="You cannot remove your own Admin role"` : ''}
                        aria-label="${member ? 'Remove' : 'Add'} ${user.username} ${member ? 'from' : 'to'} ${group}">${member ? '✓ member' : 'add'}</button>
                    </form>
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </main>`,
    { script: '/assets/console.js' },
  );
}
