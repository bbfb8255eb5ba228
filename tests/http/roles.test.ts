import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import {
  allRoutes,
  createRouter,
  Hs256Authenticator,
  openApiDocument,
  ROLES,
  roleCatalogue,
  routeRoleProblems,
  route,
  silentLogger,
  type Role,
  type Route,
} from '../../adapters/http/express/index.js';
import { hasRole } from '../../adapters/http/express/roles.js';
import { TEST_SECRET } from '../support/http.js';

const staffRoute = (roles: readonly string[] | undefined): Route =>
  route({
    method: 'get',
    path: '/admin/host/report',
    tag: 'host',
    access: 'staff',
    summary: 'A host staff route',
    ...(roles ? { roles: roles as Role[] } : {}),
    handler: async () => ({}),
  });

const mount = (routes: readonly Route[]) => () =>
  createRouter({ zhongtai: createZhongtai(), authenticator: new Hs256Authenticator(TEST_SECRET), logger: silentLogger, routes });

describe('one role catalogue (issue #12 item 8)', () => {
  it('names admin and one role per area, each with what it may do', () => {
    expect(Object.keys(ROLES).sort()).toEqual(
      ['admin', 'aftersales', 'catalog', 'dispatch', 'finance', 'inventory', 'logistics', 'marketing', 'membership', 'orders', 'payments'].sort(),
    );
    expect(roleCatalogue.map((r) => r.name)).toEqual(Object.keys(ROLES));
    for (const r of roleCatalogue) expect(r.description.length, r.name).toBeGreaterThan(10);
  });

  it('every built-in staff route declares at least one role, all from the catalogue; public and member routes declare none', () => {
    expect(routeRoleProblems(allRoutes)).toEqual([]);
    const staff = allRoutes.filter((r) => r.access === 'staff');
    expect(staff.length).toBeGreaterThan(50);
    for (const r of staff) {
      expect(r.roles?.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
      for (const role of r.roles ?? []) expect(Object.keys(ROLES), `${r.method} ${r.path}`).toContain(role);
    }
    // The names that disagreed before the catalogue are gone.
    const declared = new Set(allRoutes.flatMap((r) => r.roles ?? []));
    for (const gone of ['order', 'payment']) expect(declared.has(gone as Role)).toBe(false);
  });

  it('a route declaring a role outside the catalogue is refused when the router is built', () => {
    expect(routeRoleProblems([staffRoute(['order'])])).toEqual(['GET /admin/host/report declares the role "order", which is not in the role catalogue']);
    expect(mount([staffRoute(['reports'])])).toThrow(/role "reports", which is not in the role catalogue/);
  });

  it('a staff route declaring no role is refused when the router is built (no implicit "any staff")', () => {
    expect(routeRoleProblems([staffRoute(undefined)])).toEqual(['GET /admin/host/report is a staff route and declares no role']);
    expect(mount([staffRoute([])])).toThrow(/is a staff route and declares no role/);
    expect(mount([staffRoute(['orders'])])).not.toThrow();
  });

  it('a public or member route declaring roles is refused: roles apply to staff tokens only', () => {
    const member = route({
      method: 'get',
      path: '/me/x',
      tag: 'host',
      access: 'member',
      roles: ['orders'],
      summary: 'x',
      query: z.object({}),
      handler: async () => ({}),
    });
    expect(routeRoleProblems([member])).toEqual(['GET /me/x is a member route and declares roles; only staff routes have roles']);
  });

  it("OpenAPI shows each staff operation's roles in x-roles and as alternative security requirements, admin among them", () => {
    const doc = openApiDocument(allRoutes, { title: 't', version: '0' }) as any;
    const limits = doc.paths['/admin/promotion/activities/{activityId}/purchase-limits/consumptions'].post;
    expect(limits['x-roles']).toEqual(['marketing', 'orders']);
    expect(limits.security).toEqual([{ bearer: ['marketing'] }, { bearer: ['orders'] }, { bearer: ['admin'] }]);
    expect(doc.paths['/me/orders'].get.security).toEqual([{ bearer: [] }]);
    // The bearer scheme's description lists the catalogue.
    for (const r of roleCatalogue) expect(doc.components.securitySchemes.bearer.description).toContain(`\`${r.name}\``);
  });

  it('property: a staff route is sound exactly when it declares a non-empty set of catalogue roles', () => {
    const names = Object.keys(ROLES);
    const anyName = fc.oneof(fc.constantFrom(...names), fc.string({ minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(anyName, { maxLength: 5 }), (roles) => {
        const sound = roles.length > 0 && roles.every((r) => names.includes(r));
        expect(routeRoleProblems([staffRoute(roles)]).length === 0).toBe(sound);
      }),
    );
  });

  it('property: a staff identity passes a route exactly when it holds one of its roles or admin', () => {
    const role = fc.constantFrom(...(Object.keys(ROLES) as Role[]));
    fc.assert(
      fc.property(
        fc.uniqueArray(role, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(role, fc.string({ maxLength: 8 })), { maxLength: 4 }),
        (routeRoles, held) => {
          const expected = held.some((h) => h === 'admin' || (routeRoles as string[]).includes(h));
          expect(hasRole(staffRoute(routeRoles), held)).toBe(expected);
        },
      ),
    );
  });
});
