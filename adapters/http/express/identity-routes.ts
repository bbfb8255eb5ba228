import { route, type Route } from './route.js';
import { identity } from './wire/identity.js';

/** Who the caller is, as the authenticator saw it: a member reads only their own identity. */
export const identityRoutes: Route[] = [
  route({
    method: 'get',
    path: '/me',
    tag: 'identity',
    access: 'member',
    response: identity,
    errors: {},
    summary: "The calling member's identity (subject, kind, roles)",
    handler: async ({ identity }) => ({ subject: identity!.subject, kind: identity!.kind, roles: identity!.roles }),
  }),
];
