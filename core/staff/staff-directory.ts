import '#core/aws/clients/cognito.ts';
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, NotFoundError } from '#core/errors/app-errors.ts';
import type { AuditStore } from '#core/stores/audit-store.ts';

/** A person in the user pool, as the Users page lists them. */
export interface StaffUser {
  username: string;
  name: string | null;
  email: string | null;
  /** The console groups they are in (Viewer / Operator / Admin). */
  groups: string[];
  enabled: boolean;
  status: string;
}

export interface StaffDirectoryDependencies {
  cognito: CognitoIdentityProviderClient;
  userPoolId: string;
  /** The console's groups, weakest first (config.cognito.groups). */
  groups: readonly string[];
  audit: AuditStore;
}

/** The most users the page lists (a console's staff, not a customer base). */
const listedAtMost = 500;

/**
 * The pool's users with their console groups: ListUsers for everyone (paginated), and one
 * ListUsersInGroup per group for membership — a handful of calls, not one per user.
 */
export async function listStaff(dependencies: StaffDirectoryDependencies): Promise<StaffUser[]> {
  const { cognito, userPoolId } = dependencies;
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, PaginationToken: token }),
    );
    users.push(...(page.Users ?? []));
    token = page.PaginationToken;
  } while (token && users.length < listedAtMost);
  const membership = new Map<string, string[]>();
  for (const group of dependencies.groups) {
    let next: string | undefined;
    do {
      const page = await cognito.send(
        new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, Limit: 60, NextToken: next }),
      );
      for (const member of page.Users ?? [])
        membership.set(member.Username ?? '', [...(membership.get(member.Username ?? '') ?? []), group]);
      next = page.NextToken;
    } while (next);
  }
  return users
    .map((user) => ({
      username: user.Username ?? '',
      name: attribute(user, 'name'),
      email: attribute(user, 'email'),
      groups: membership.get(user.Username ?? '') ?? [],
      enabled: user.Enabled ?? true,
      status: user.UserStatus ?? 'UNKNOWN',
    }))
    .sort((left, right) => left.username.localeCompare(right.username));
}

/**
 * An Admin adds a user to a console group or removes them from one (AdminAddUserToGroup /
 * AdminRemoveUserFromGroup), audited with the outcome. Nobody removes their own Admin role: an
 * Admin who did could lock the pool out of user management. The change shows in the user's
 * tokens at their next refresh (at most the access token's lifetime).
 */
export async function changeMembership(
  dependencies: StaffDirectoryDependencies,
  change: { actor: string; username: string; group: string; member: boolean },
): Promise<void> {
  const { cognito, userPoolId, audit } = dependencies;
  const action = change.member ? 'role-added' : 'role-removed';
  const details = { username: change.username, group: change.group };
  if (!change.member && change.group === 'Admin' && change.actor === change.username) {
    await audit.record({
      actorId: change.actor,
      action: `${action}-refused`,
      details: { ...details, reason: 'own-admin' },
    });
    throw new ConflictError('You cannot remove your own Admin role: ask another Admin.', {
      details: { reason: 'own-admin' },
    });
  }
  const input = { UserPoolId: userPoolId, Username: change.username, GroupName: change.group };
  try {
    await cognito.send(
      change.member ? new AdminAddUserToGroupCommand(input) : new AdminRemoveUserFromGroupCommand(input),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'UserNotFoundException')
      throw new NotFoundError(`There is no user ${change.username} in the pool`);
    throw error;
  }
  await audit.record({ actorId: change.actor, action, details });
}

function attribute(user: UserType, name: string): string | null {
  return user.Attributes?.find((candidate) => candidate.Name === name)?.Value ?? null;
}
