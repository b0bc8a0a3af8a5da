import * as z from 'zod';

/** A person in the local user pool: the attributes and groups Cognito holds for a console user. */
export const LocalUser = z.object({
  /** Cognito's immutable user id (a UUID), the tokens' `sub`. */
  sub: z.uuid(),
  username: z.string().regex(/^[a-z][a-z0-9._-]{2,63}$/, 'must be a lowercase user name'),
  /** The `name` attribute, as the person writes it. */
  name: z.string().min(1),
  /** The language `name` is written in, for the sign-in page's `lang` attribute. */
  nameLanguage: z.enum(['en', 'hi', 'bn']),
  email: z.email(),
  /** Cognito groups; a user without any has no `cognito:groups` claim at all. */
  groups: z.array(z.string().min(1)),
});
export type LocalUser = z.infer<typeof LocalUser>;

/**
 * The staff who can sign in locally: one or more per group, and one not yet in any group (the
 * console must refuse them). Their ids are fixed so that data written by one run still belongs
 * to the same people in the next.
 *
 * @example { sub: '5a1f9c3e-8b2d-4e6f-a7c0-2d9e4b6f8a12', username: 'meera.operator', name: 'मीरा शर्मा', … }
 */
export const seededUsers: readonly LocalUser[] = z.array(LocalUser).parse([
  {
    sub: 'c4e8d4a8-3071-4b52-9d1e-6f0a2b7c1e01',
    username: 'vikram.viewer',
    name: 'Vikram Rao',
    nameLanguage: 'en',
    email: 'vikram.rao@wecare.digital',
    groups: ['Viewer'],
  },
  {
    sub: '5a1f9c3e-8b2d-4e6f-a7c0-2d9e4b6f8a12',
    username: 'meera.operator',
    name: 'मीरा शर्मा',
    nameLanguage: 'hi',
    email: 'meera.sharma@wecare.digital',
    groups: ['Operator'],
  },
  {
    sub: '9d3b7e21-4c6a-4f8e-b5d0-7a1c3e5f9b23',
    username: 'sumita.operator',
    name: 'সুমিতা দাস',
    nameLanguage: 'bn',
    email: 'sumita.das@wecare.digital',
    groups: ['Operator'],
  },
  {
    sub: 'e2a64f10-9b8c-4d3e-8f7a-1b5c9d3e7f34',
    username: 'anita.admin',
    name: 'Anita Iyer',
    nameLanguage: 'en',
    email: 'anita.iyer@wecare.digital',
    groups: ['Admin'],
  },
  {
    sub: '71c5b2d8-6e4f-4a9b-9c1d-3f7e5a2b8c45',
    username: 'ravi.unassigned',
    name: 'Ravi Kumar',
    nameLanguage: 'en',
    email: 'ravi.kumar@wecare.digital',
    groups: [],
  },
]);
