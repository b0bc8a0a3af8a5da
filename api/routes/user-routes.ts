import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { changeMembership, listStaff } from '#core/staff/staff-directory.ts';
import { type ConsoleEnv, requireRole } from '../auth/staff-session.ts';
import type { ConsoleDependencies } from '../console-dependencies.ts';
import { usersPage } from '../pages/users-page.ts';
import { json, Problem } from './console-schemas.ts';

const StaffUser = z
  .object({
    username: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    groups: z.array(z.string()),
    enabled: z.boolean(),
    status: z.string(),
  })
  .openapi('StaffUser');

const UsernameParam = z.object({
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, 'not a user name')
    .openapi({ param: { name: 'username', in: 'path' } }),
});

const MembershipBody = z.object({
  group: z.enum(['Viewer', 'Operator', 'Admin']),
  action: z.enum(['add', 'remove']),
});

/** Users and roles (Admin only): the pool's users with their groups, and changes to those groups. */
export function userRoutes(dependencies: ConsoleDependencies) {
  const { audit, staffDirectory } = dependencies;
  const admin = requireRole('Admin', audit);
  const app = new OpenAPIHono<ConsoleEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users',
      summary: "The user pool's users with their console groups",
      middleware: [admin] as const,
      responses: { 200: json(z.object({ items: z.array(StaffUser) }), 'The users') },
    }),
    async (c) => c.json({ items: await listStaff(staffDirectory) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users/{username}/groups',
      summary:
        'Add a user to a console group or remove them from one (effective at their next token refresh)',
      middleware: [admin] as const,
      request: {
        params: UsernameParam,
        body: { content: { 'application/json': { schema: MembershipBody } }, required: true },
      },
      responses: {
        200: json(StaffUser, 'The user with their groups now'),
        404: json(Problem, 'No such user'),
        409: json(Problem, 'An Admin removing their own Admin role'),
      },
    }),
    async (c) => {
      const { username } = c.req.valid('param');
      const { group, action } = c.req.valid('json');
      await changeMembership(staffDirectory, {
        actor: c.get('staff').username,
        actorSub: c.get('staff').id,
        username,
        group,
        member: action === 'add',
      });
      const user = (await listStaff(staffDirectory)).find((candidate) => candidate.username === username);
      return c.json(
        user ?? { username, name: null, email: null, groups: [], enabled: true, status: 'UNKNOWN' },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/console/users',
      summary: 'The users page',
      middleware: [admin] as const,
      responses: { 200: { description: 'The users', content: { 'text/html': { schema: z.string() } } } },
    }),
    async (c) =>
      c.html(usersPage(c.get('staff'), await listStaff(staffDirectory), staffDirectory.groups), 200),
  );
  return app;
}
