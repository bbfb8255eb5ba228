import type { Route } from './route.js';

/**
 * The staff roles of the HTTP API (decision 0022): one catalogue, each role with what it may do. A
 * staff route declares the roles it admits (any of them); `admin` passes every staff route. Roles are
 * claims of staff tokens only; member tokens act on the caller's own data and need none.
 */
export const ROLES = {
  admin: 'Everything: passes every staff route.',
  catalog: 'Categories, brands, front categories, products (SPU/SKU), combos and their listing.',
  inventory: 'Stock in the three layers: policies, operations, warehouse movements, transfers, stock-takes, consistency checks and repair.',
  dispatch: 'Warehouses and the dispatch preview (DSP-1).',
  logistics: 'Freight templates, their SKU assignments, shop freight settings and freight quotes.',
  marketing: 'Promotion activities and their review, group buys, purchase limits and price previews; coupon templates and issuing.',
  orders: "Searching and reading every order; shipping, cancelling paid orders, redeeming; recording orders' purchase-limit consumptions and releases.",
  payments: "Confirming payments taken outside the order flow, such as a group order's payment.",
  membership: 'Membership rules and levels, manual growth and points changes, RFM runs and segments.',
  aftersales: 'After-sales requests: reviewing them, receiving returned goods, adjusting and issuing refunds.',
  finance:
    "Invoices: searching them, sending failed ones again, and shops' invoice settings; the ledger: accounts, postings, trial balance, balances, period reports and reversals; reconciliation: runs, statement uploads, cases and their resolution.",
} as const satisfies Record<string, string>;

/** A role name of the catalogue. */
export type Role = keyof typeof ROLES;

/** The catalogue as a list, in a stable order. */
export const roleCatalogue: readonly { readonly name: Role; readonly description: string }[] = Object.entries(ROLES).map(([name, description]) => ({
  name: name as Role,
  description,
}));

export const isRole = (name: string): name is Role => Object.hasOwn(ROLES, name);

/**
 * What is wrong with a route table's roles: a staff route that declares none (no implicit "any
 * staff"), a role outside the catalogue, or roles on a public or member route. Empty when sound;
 * `createRouter` refuses a table with problems.
 */
export function routeRoleProblems(routes: readonly Route[]): string[] {
  return routes.flatMap((r) => {
    const name = `${r.method.toUpperCase()} ${r.path}`;
    const roles: readonly string[] = r.roles ?? [];
    if (r.access !== 'staff') return roles.length > 0 ? [`${name} is a ${r.access} route and declares roles; only staff routes have roles`] : [];
    if (roles.length === 0) return [`${name} is a staff route and declares no role`];
    return roles.filter((role) => !isRole(role)).map((role) => `${name} declares the role "${role}", which is not in the role catalogue`);
  });
}

/** May this staff identity use the route? One of the route's roles, or admin. */
export const hasRole = (r: Route, identityRoles: readonly string[]): boolean =>
  identityRoles.some((x) => x === 'admin' || (r.roles ?? []).some((role) => role === x));

/**
 * The operation's OpenAPI security requirements: none on public routes; member routes need a bearer
 * token; staff routes list one requirement per admitted role (alternatives, so any one suffices),
 * `admin` included. OpenAPI 3.1 allows role names in a requirement of a non-OAuth scheme.
 */
export function securityOf(r: Route): Record<string, string[]>[] {
  if (r.access === 'public') return [];
  if (r.access === 'member') return [{ bearer: [] }];
  const roles: string[] = [...(r.roles ?? [])];
  return [...roles, ...(roles.includes('admin') ? [] : ['admin'])].map((role) => ({ bearer: [role] }));
}

/** The bearer scheme's description: how tokens are told apart, and the role catalogue. */
export const bearerDescription = [
  'An HS256 JWT (decision 0022): `aud` is `zhongtai:staff` or `zhongtai:member` (and agrees with `kind`), `iss` is checked, `kid` names the verification key.',
  'Staff roles (claim `roles`):',
  ...roleCatalogue.map((r) => `- \`${r.name}\`: ${r.description}`),
].join('\n');
