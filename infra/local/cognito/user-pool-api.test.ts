import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { testClients, testConfig } from '../../../test/local-clients.ts';

const { cognito } = testClients();
const UserPoolId = testConfig().cognito.userPoolId;

describe("the user pool's admin operations on the stand-in, through the SDK", () => {
  it('lists users a page at a time, and filters by user name prefix', async () => {
    const first = await cognito.send(new ListUsersCommand({ UserPoolId, Limit: 2 }));
    expect(first.Users).toHaveLength(2);
    expect(first.PaginationToken).toBeDefined();
    const second = await cognito.send(
      new ListUsersCommand({ UserPoolId, Limit: 2, PaginationToken: first.PaginationToken }),
    );
    expect(second.Users?.[0]?.Username).not.toBe(first.Users?.[0]?.Username);
    const filtered = await cognito.send(new ListUsersCommand({ UserPoolId, Filter: 'username ^= "meera"' }));
    expect(filtered.Users?.map((user) => user.Username)).toEqual(['meera.operator']);
    expect(filtered.Users?.[0]?.Attributes).toContainEqual({ Name: 'name', Value: 'मीरा शर्मा' });
  });

  it('tells group membership both ways', async () => {
    const admins = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: 'Admin' }));
    expect(admins.Users?.map((user) => user.Username)).toContain('anita.admin');
    const groups = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId, Username: 'sumita.operator' }),
    );
    expect(groups.Groups?.map((group) => group.GroupName)).toEqual(['Operator']);
  });

  it("answers with Cognito's exceptions for an unknown user, group or pool", async () => {
    await expect(
      cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: 'nobody.here', GroupName: 'Viewer' }),
      ),
    ).rejects.toBeInstanceOf(UserNotFoundException);
    await expect(
      cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: 'meera.operator', GroupName: 'Root' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      cognito.send(new ListUsersCommand({ UserPoolId: 'ap-south-1_Nope12345' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
