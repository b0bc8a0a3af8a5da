import * as z from 'zod';
import { parseBody } from '../aws-stand-in/request-body.ts';
import { AwsServiceError, type StandInApi, type StandInRequest } from '../aws-stand-in/stand-in-api.ts';
import type { LocalUser } from './cognito-users.ts';
import type { LocalCognito } from './local-cognito.ts';

const Pool = { UserPoolId: z.string().min(1).max(55) };
const Page = { Limit: z.number().int().min(0).max(60).optional() };
const ListUsersInput = z.object({
  ...Pool,
  ...Page,
  PaginationToken: z.string().optional(),
  Filter: z.string().max(256).optional(),
});
const ListUsersInGroupInput = z.object({
  ...Pool,
  ...Page,
  GroupName: z.string().min(1).max(128),
  NextToken: z.string().optional(),
});
const UserInput = z.object({ ...Pool, Username: z.string().min(1).max(128) });
const MembershipInput = UserInput.extend({ GroupName: z.string().min(1).max(128) });

/** When the seeded users were created, for the responses' dates (epoch seconds in JSON 1.1). */
const createdAtSeconds = Date.UTC(2026, 0, 5) / 1000;

/**
 * The user pool's admin operations the console uses, on the SDK's wire (`aws-json-1.1`,
 * `AWSCognitoIdentityProviderService.<Operation>`): ListUsers (with `username ^= "…"` and
 * `email ^= "…"` filters), ListUsersInGroup, AdminListGroupsForUser, AdminAddUserToGroup and
 * AdminRemoveUserFromGroup, with Cognito's errors (ResourceNotFoundException for an unknown pool or
 * group, UserNotFoundException) and pagination tokens.
 */
export function userPoolApi(cognito: LocalCognito): StandInApi {
  const poolId = () => cognito.client.userPoolId;
  const groups = () => cognito.client.groups;
  const requirePool = (id: string) => {
    if (id !== poolId())
      throw new AwsServiceError('ResourceNotFoundException', 400, `User pool ${id} does not exist.`);
  };
  const requireUser = (username: string) => {
    const user = cognito.user(username);
    if (!user) throw new AwsServiceError('UserNotFoundException', 400, 'User does not exist.');
    return user;
  };
  const requireGroup = (group: string) => {
    if (!groups().includes(group))
      throw new AwsServiceError('ResourceNotFoundException', 400, 'Group not found.');
  };
  const operation = (name: string, handle: (request: StandInRequest) => unknown) => ({
    name,
    handle: (request: StandInRequest) => ({ body: handle(request) }),
  });
  return {
    name: 'cognito-idp',
    signingName: 'cognito-idp',
    protocol: 'aws-json-1.1',
    targetPrefix: 'AWSCognitoIdentityProviderService',
    operations: [
      operation('ListUsers', (request) => {
        const input = parseBody(request, ListUsersInput);
        requirePool(input.UserPoolId);
        const matching = cognito.users.filter(filterOf(input.Filter));
        const { page, next } = paginate(matching, input.Limit ?? 60, input.PaginationToken);
        return { Users: page.map(userType), ...(next ? { PaginationToken: next } : {}) };
      }),
      operation('ListUsersInGroup', (request) => {
        const input = parseBody(request, ListUsersInGroupInput);
        requirePool(input.UserPoolId);
        requireGroup(input.GroupName);
        const members = cognito.users.filter((user) => user.groups.includes(input.GroupName));
        const { page, next } = paginate(members, input.Limit ?? 60, input.NextToken);
        return { Users: page.map(userType), ...(next ? { NextToken: next } : {}) };
      }),
      operation('AdminListGroupsForUser', (request) => {
        const input = parseBody(request, UserInput);
        requirePool(input.UserPoolId);
        const user = requireUser(input.Username);
        return {
          Groups: user.groups.map((group) => ({
            GroupName: group,
            UserPoolId: poolId(),
            Precedence: groups().indexOf(group),
            CreationDate: createdAtSeconds,
            LastModifiedDate: createdAtSeconds,
          })),
        };
      }),
      operation('AdminAddUserToGroup', (request) => {
        const input = parseBody(request, MembershipInput);
        requirePool(input.UserPoolId);
        requireGroup(input.GroupName);
        requireUser(input.Username);
        cognito.setMembership(input.Username, input.GroupName, true);
        return {};
      }),
      operation('AdminRemoveUserFromGroup', (request) => {
        const input = parseBody(request, MembershipInput);
        requirePool(input.UserPoolId);
        requireGroup(input.GroupName);
        requireUser(input.Username);
        cognito.setMembership(input.Username, input.GroupName, false);
        return {};
      }),
    ],
  };
}

function userType(user: LocalUser) {
  return {
    Username: user.username,
    Attributes: [
      { Name: 'sub', Value: user.sub },
      { Name: 'name', Value: user.name },
      { Name: 'email', Value: user.email },
      { Name: 'email_verified', Value: 'true' },
    ],
    UserCreateDate: createdAtSeconds,
    UserLastModifiedDate: createdAtSeconds,
    Enabled: true,
    UserStatus: 'CONFIRMED',
  };
}

/** Cognito's ListUsers filter: `attribute = "value"` or `attribute ^= "prefix"` on a few attributes. */
function filterOf(filter: string | undefined): (user: LocalUser) => boolean {
  if (!filter?.trim()) return () => true;
  const parsed = /^\s*(username|email|name|sub)\s*(\^?=)\s*"([^"]*)"\s*$/.exec(filter);
  if (!parsed) throw new AwsServiceError('InvalidParameterException', 400, 'Error while parsing filter.');
  const [, attribute = '', operator, value = ''] = parsed;
  return (user) => {
    const actual = String(user[attribute as 'username' | 'email' | 'name' | 'sub']);
    return operator === '=' ? actual === value : actual.startsWith(value);
  };
}

function paginate<T>(items: readonly T[], limit: number, token: string | undefined) {
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length)
    throw new AwsServiceError('InvalidParameterException', 400, 'Invalid pagination token.');
  const size = limit === 0 ? 60 : limit;
  const page = items.slice(start, start + size);
  const following = start + size;
  return {
    page,
    next: following < items.length ? Buffer.from(String(following)).toString('base64url') : undefined,
  };
}
