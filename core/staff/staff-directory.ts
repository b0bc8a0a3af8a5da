import '#core/aws/clients/cognito.ts';
import {
  AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConflictError, NotFoundError, ValidationError } from '#core/errors/app-errors.ts';
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
  change: { actor: string; actorSub: string; username: string; group: string; member: boolean },
): Promise<void> {
  const { cognito, userPoolId, audit } = dependencies;
  const action = change.member ? 'role-added' : 'role-removed';
  const details = { username: change.username, group: change.group };
  // The person as the pool knows them, by their exact user name (no alias, no other case): the
  // own-Admin rule compares who they are (`sub`), not how they were named.
  const target = await userNamed(dependencies, change.username);
  if (!change.member && change.group === 'Admin' && attribute(target, 'sub') === change.actorSub) {
    await audit.record({
      actorId: change.actor,
      action: `${action}-refused`,
      details: { ...details, reason: 'own-admin' },
    });
    throw new ConflictError('You cannot remove your own Admin role: ask another Admin.', {
      details: { reason: 'own-admin' },
    });
  }
  const input = { UserPoolId: userPoolId, Username: target.Username, GroupName: change.group };
  try {
    await cognito.send(
      change.member ? new AdminAddUserToGroupCommand(input) : new AdminRemoveUserFromGroupCommand(input),
    );
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'UserNotFoundException')
      throw new NotFoundError(`There is no user ${change.username} in the pool`);
    if (name === 'ResourceNotFoundException')
      throw new NotFoundError(`There is no group ${change.group} in the pool`);
    if (name === 'InvalidParameterException')
      throw new ValidationError(`Cognito refused the change: ${String((error as Error).message)}`);
    throw error;
  }
  await audit.record({ actorId: change.actor, action, details });
}

/** The pool's user with exactly this user name (ListUsers' `username =` filter), or a 404. */
async function userNamed(dependencies: StaffDirectoryDependencies, username: string): Promise<UserType> {
  if (username.includes('"') || username.includes('\\'))
    throw new ValidationError('username: not a user name', { details: { field: 'username' } });
  const found = await dependencies.cognito.send(
    new ListUsersCommand({
      UserPoolId: dependencies.userPoolId,
      Filter: `username = "${username}"`,
      Limit: 1,
    }),
  );
  const user = found.Users?.find((candidate) => candidate.Username === username);
  if (!user) throw new NotFoundError(`There is no user ${username} in the pool`);
  return user;
}

function attribute(user: UserType, name: string): string | null {
  return user.Attributes?.find((candidate) => candidate.Name === name)?.Value ?? null;
}
