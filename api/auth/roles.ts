/**
 * The console's roles, from the user pool's groups (the seed's RBAC): Viewer reads; Operator also
 * takes conversations over, replies, releases, sends templates and approves invoices; Admin also
 * manages contacts, documents, users. Each role includes the ones below it.
 */
export const roles = ['Viewer', 'Operator', 'Admin'] as const;
export type Role = (typeof roles)[number];

/** The strongest role among a user's groups; undefined for a user in none of them. */
export function roleOf(groups: readonly string[]): Role | undefined {
  return [...roles].reverse().find((role) => groups.includes(role));
}

export function allows(held: Role, needed: Role): boolean {
  return roles.indexOf(held) >= roles.indexOf(needed);
}

/** Who is signed in, as the verified access token says. */
export interface StaffMember {
  /** The user pool's `sub`. */
  id: string;
  username: string;
  role: Role;
}
