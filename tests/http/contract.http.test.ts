// The HTTP contract (issue #12 finding 11, decision 0023): the document, the check mode, the router under a prefix.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import express from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createApp,
  createRouter,
  Hs256Authenticator,
  HttpProblem,
  route,
  type HttpOptions,
  type Logger,
  type Route,
} from '../../adapters/http/express/index.js';
import { cartRoutes } from '../../adapters/http/express/cart/index.js';
import { catalogRoutes } from '../../adapters/http/express/catalog/index.js';
import { checkoutRoutes } from '../../adapters/http/express/checkout/index.js';
import { allRoutes } from '../../adapters/http/express/router.js';
import { freightRoutes } from '../../adapters/http/express/freight/index.js';
import { couponRoutes } from '../../adapters/http/express/coupon/index.js';
import { dispatchRoutes } from '../../adapters/http/express/dispatch/index.js';
import { afterSalesRoutes } from '../../adapters/http/express/after-sales/index.js';
import { invoiceRoutes } from '../../adapters/http/express/invoice/index.js';
import { financeRoutes } from '../../adapters/http/express/finance/index.js';
import { reconciliationRoutes } from '../../adapters/http/express/reconciliation/index.js';
import { fulfilmentRoutes } from '../../adapters/http/express/fulfilment/index.js';
import { identityRoutes } from '../../adapters/http/express/identity-routes.js';
import { inventoryRoutes, warehouseStockRoutes } from '../../adapters/http/express/inventory/index.js';
import { membershipRoutes } from '../../adapters/http/express/membership/index.js';
import { orderingRoutes } from '../../adapters/http/express/ordering/index.js';
import { paymentRoutes } from '../../adapters/http/express/payment/index.js';
import { promotionRoutes } from '../../adapters/http/express/promotion/index.js';
import { serviceRoutes } from '../../adapters/http/express/service-routes.js';
import { ERROR_CATALOGUES } from '../../domain/errors.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { startTestServer, TEST_SECRET, type TestServer } from '../support/http.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];
type Op = { path: string; method: string; op: any };
const operations = (doc: any): Op[] =>
  Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([m]) => HTTP_METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op })),
  );

/** Every JSON schema in the document, by where it is. */
function schemasOf(doc: any): [string, unknown][] {
  const out: [string, unknown][] = Object.entries<unknown>(doc.components.schemas).map(([n, s]) => [`components.schemas.${n}`, s]);
  for (const { path, method, op } of operations(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    for (const p of op.parameters ?? []) out.push([`${at} ${p.in} ${p.name}`, p.schema]);
    for (const [media, m] of Object.entries<any>(op.requestBody?.content ?? {})) out.push([`${at} body ${media}`, m.schema]);
    for (const [status, r] of Object.entries<any>(op.responses))
      for (const [media, m] of Object.entries<any>(r.content ?? {})) out.push([`${at} ${status} ${media}`, m.schema]);
  }
  return out;
}

describe('the OpenAPI document (issue #12 finding 11)', () => {
  let s: TestServer;
  let doc: any;
  beforeAll(async () => {
    s = await startTestServer();
    doc = (await s.request('GET', '/openapi.json')).body;
  });
  afterAll(() => s.close());

  it('passes the official OpenAPI 3.1 schema, and every schema in it compiles as strict JSON Schema 2020-12', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    const broken: string[] = [];
    const seen = new Set<string>();
    // References to components become local $defs, so each schema compiles on its own (once).
    const localRefs = (schema: unknown): string => JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/');
    const $defs = JSON.parse(localRefs(doc.components.schemas));
    for (const [where, schema] of schemasOf(doc)) {
      const text = localRefs(schema);
      if (seen.has(text)) continue;
      seen.add(text);
      const local = JSON.parse(text);
      try {
        ajv.compile(typeof local === 'object' ? { ...local, $defs } : local);
      } catch (e) {
        broken.push(`${where}: ${(e as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
    // The validator catches a broken document.
    const bad = structuredClone(doc);
    bad.paths['/health'].get.responses = { ok: 'yes' };
    expect((await new Validator().validate(bad)).valid).toBe(false);
  });

  it('Problem documents details (an object) beside errors, and every 4xx and 503 answer is a Problem', () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.properties.details).toMatchObject({ type: 'object' });
    expect(problem.properties.errors).toMatchObject({ type: 'array' });
    for (const { path, method, op } of operations(doc)) {
      const rejections = Object.entries<any>(op.responses).filter(([status]) => status.startsWith('4') || status === '503');
      expect(
        rejections.map(([status]) => status),
        `${method} ${path}`,
      ).toEqual(expect.arrayContaining(['400', '401', '503']));
      for (const [, r] of rejections) expect(r.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('public operations declare security: [] (no token needed); the others the bearer scheme', () => {
    const publicOps = operations(doc).filter(({ op }) => op['x-access'] === 'public');
    expect(publicOps.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(['get /health', 'get /openapi.json', 'get /catalog/spus', 'post /guest/carts']),
    );
    // Staff operations list one alternative per admitted role, admin included (decision 0022).
    const expected = (op: Record<string, any>) =>
      op['x-access'] === 'public'
        ? []
        : op['x-access'] === 'member'
          ? [{ bearer: [] }]
          : [...op['x-roles'], 'admin'].map((role: string) => ({ bearer: [role] }));
    for (const { op } of operations(doc)) expect(op.security).toEqual(expected(op));
  });

  it('/health and /openapi.json are documented public operations with response schemas, and their answers match them', async () => {
    const health = doc.paths['/health'].get;
    expect(health.responses['200'].content['application/json'].schema).toMatchObject({ type: 'object', required: ['status', 'persistence'] });
    expect((await s.request('GET', '/health')).body).toEqual({ status: 'ok', persistence: 'memory' });
    const self = doc.paths['/openapi.json'].get;
    expect(self.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['openapi', 'paths', 'servers']),
    });
  });

  it('each operation lists its error codes, with the generic ones, in x-error-codes and in its 4xx descriptions', () => {
    const get = doc.paths['/me/orders/{orderId}'].get;
    expect(get['x-error-codes']).toEqual(['ORDER.NOT_FOUND', 'VALIDATION.*', 'HTTP.*', 'AUTH.*', 'CONCURRENCY.*', 'VALUE.*']);
    expect(get.responses['404'].description).toContain('ORDER.NOT_FOUND');
    expect(get.responses['401'].description).toContain('AUTH.MISSING_TOKEN');
    expect(get.responses['400'].description).toContain('VALIDATION.FAILED');
    // Only the database's refusal of a value it cannot store (decision 0020): no business code of its own.
    expect(get.responses['422'].description).toMatch(/VALUE\.INVALID_TEXT, VALUE\.OUT_OF_RANGE$/);
    const place = doc.paths['/me/orders'].post;
    expect(place.responses['409'].description).toMatch(/ORDER\.PRICE_CHANGED.*CONCURRENCY\.BUSY/);
    expect(place.responses['422'].description).toContain('CHECKOUT.INVALID_ADDRESS');
    expect(place.responses['413'].description).toContain('HTTP.PAYLOAD_TOO_LARGE');
    expect(doc.paths['/health'].get.responses['401'].description).toContain('AUTH.INVALID_TOKEN');
  });

  it('has a servers entry for where it is served: "/" at the root', () => {
    expect(doc.servers).toEqual([{ url: '/' }]);
  });
});

// ---------------------------------------------------------------------------------------------

const listen = async (app: express.Express): Promise<{ base: string; close: () => Promise<void> }> => {
  const server: Server = await new Promise((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
};

describe('the router mounted under a prefix', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const host = express();
    host.use('/shop', createRouter({ zhongtai: createZhongtai(), authenticator: new Hs256Authenticator(TEST_SECRET), logger: recordingLogger() }));
    host.get('/after', (_req, res) => {
      res.json({ host: 'after' });
    });
    host.get('/shop/after', (_req, res) => {
      res.json({ host: 'shadowed' });
    });
    ({ base, close } = await listen(host));
  });
  afterAll(() => close());

  it('serves its document with a servers entry for the prefix, the same on every request', async () => {
    const first = (await (await fetch(`${base}/shop/openapi.json`)).json()) as any;
    expect(first.servers).toEqual([{ url: '/shop' }]);
    expect(await (await fetch(`${base}/shop/openapi.json`)).json()).toEqual(first);
  });

  it('answers unknown paths under the prefix with a problem+json 404 HTTP.NOT_FOUND, as createApp does', async () => {
    const res = await fetch(`${base}/shop/no/such/route?x=1`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'HTTP.NOT_FOUND', instance: '/shop/no/such/route?x=1', detail: 'no route GET /shop/no/such/route' });
  });

  it("leaves the host's routes at other paths to the host, also those mounted after it; host routes under the prefix must come before it", async () => {
    const after = await fetch(`${base}/after`);
    expect([after.status, await after.json()]).toEqual([200, { host: 'after' }]);
    const shadowed = await fetch(`${base}/shop/after`);
    expect([shadowed.status, ((await shadowed.json()) as any).code]).toEqual([404, 'HTTP.NOT_FOUND']);
  });
});

// ---------------------------------------------------------------------------------------------

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info: () => {}, error: (msg, fields) => errors.push(`${msg} ${JSON.stringify(fields)}`) };
}

const wire = z.strictObject({ id: z.string(), amount: z.string().regex(/^\d+\.\d{2}$/), at: z.iso.datetime() });
const probeRoutes: Route[] = [
  route({
    method: 'get',
    path: '/probe/good',
    tag: 'probe',
    access: 'public',
    summary: 'a probe',
    response: wire,
    handler: async () => ({ id: 'a', amount: '1.00', at: new Date(0) }),
  }),
  route({
    method: 'get',
    path: '/probe/wrong-type',
    tag: 'probe',
    access: 'public',
    summary: 'a probe',
    response: wire,
    handler: async () => ({ id: 'a', amount: 1, at: new Date(0) }),
  }),
  route({
    method: 'get',
    path: '/probe/extra-field',
    tag: 'probe',
    access: 'public',
    summary: 'a probe',
    response: z.object({ id: z.string() }),
    handler: async () => ({ id: 'a', secret: 'x' }),
  }),
  route({ method: 'get', path: '/probe/undocumented', tag: 'probe', access: 'public', summary: 'a probe', handler: async () => ({ anything: true }) }),
  route({
    method: 'post',
    path: '/probe/reject/:code',
    tag: 'probe',
    access: 'public',
    summary: 'a probe',
    response: wire,
    params: z.object({ code: z.string() }),
    errors: { 404: ['PROBE.NOT_FOUND'], 422: ['PROBE.INVALID'] },
    handler: async ({ params }) => {
      if (params.code === 'not-found') throw DomainError.notFound('PROBE.NOT_FOUND', 'no probe');
      if (params.code === 'invalid') throw DomainError.invalid('PROBE.INVALID', 'bad probe');
      if (params.code === 'not-found-as-409') throw DomainError.conflict('PROBE.NOT_FOUND', 'no probe');
      if (params.code === 'undeclared') throw DomainError.conflict('PROBE.SURPRISE', 'surprise');
      if (params.code === 'generic') throw DomainError.conflict('CONCURRENCY.STALE_AGGREGATE', 'changed meanwhile');
      throw new HttpProblem(400, 'VALIDATION.FAILED', 'bad');
    },
  }),
  route({
    method: 'post',
    path: '/probe/free/:code',
    tag: 'probe',
    access: 'public',
    summary: 'a probe',
    params: z.object({ code: z.string() }),
    handler: async ({ params }) => Promise.reject(DomainError.conflict(params.code, 'any')),
  }),
];

describe('check mode: HttpOptions.checkResponses holds every answer to the contract', () => {
  const logger = recordingLogger();
  let checked: { base: string; close: () => Promise<void> };
  let unchecked: { base: string; close: () => Promise<void> };
  beforeAll(async () => {
    const options: HttpOptions = { zhongtai: createZhongtai(), authenticator: new Hs256Authenticator(TEST_SECRET), logger, routes: probeRoutes };
    checked = await listen(createApp({ ...options, checkResponses: true }));
    unchecked = await listen(createApp(options));
  });
  afterAll(async () => {
    await checked.close();
    await unchecked.close();
  });
  const call = async (base: string, method: string, path: string) => {
    const res = await fetch(base + path, { method });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('an answer matching its schema (after the JSON round trip: the Date is an ISO string) passes', async () => {
    expect(await call(checked.base, 'GET', '/probe/good')).toEqual({ status: 200, body: { id: 'a', amount: '1.00', at: '1970-01-01T00:00:00.000Z' } });
  });

  it('an answer breaking its schema is a 500 HTTP.RESPONSE_CONTRACT listing the issues, and is logged', async () => {
    const wrong = await call(checked.base, 'GET', '/probe/wrong-type');
    expect([wrong.status, wrong.body.code, wrong.body.errors.map((e: any) => e.path)]).toEqual([500, 'HTTP.RESPONSE_CONTRACT', ['amount']]);
    expect(logger.errors.some((l) => l.includes('HTTP.RESPONSE_CONTRACT') || l.includes('GET /probe/wrong-type'))).toBe(true);
    const extra = await call(checked.base, 'GET', '/probe/extra-field');
    expect([extra.status, extra.body.code, extra.body.errors]).toEqual([
      500,
      'HTTP.RESPONSE_CONTRACT',
      [{ path: 'secret', message: 'the field secret is not in the schema' }],
    ]);
  });

  it('is off by default: the same answers go out unchecked; a route without a response schema is never checked', async () => {
    expect((await call(unchecked.base, 'GET', '/probe/wrong-type')).status).toBe(200);
    expect((await call(unchecked.base, 'POST', '/probe/reject/undeclared')).body.code).toBe('PROBE.SURPRISE');
    expect(await call(checked.base, 'GET', '/probe/undocumented')).toEqual({ status: 200, body: { anything: true } });
  });

  it.each([
    ['not-found', 404, 'PROBE.NOT_FOUND'],
    ['invalid', 422, 'PROBE.INVALID'],
    ['generic', 409, 'CONCURRENCY.STALE_AGGREGATE'],
    ['validation', 400, 'VALIDATION.FAILED'],
    ['not-found-as-409', 500, 'HTTP.RESPONSE_CONTRACT'],
    ['undeclared', 500, 'HTTP.RESPONSE_CONTRACT'],
  ])('a 4xx of a route declaring its errors: %s → %i %s', async (code, status, answer) => {
    expect(await call(checked.base, 'POST', `/probe/reject/${code}`)).toMatchObject({ status, body: { code: answer } });
  });

  it('a route that declares no errors may answer any code (its file declares them later)', async () => {
    expect(await call(checked.base, 'POST', '/probe/free/ANY.CODE')).toMatchObject({ status: 409, body: { code: 'ANY.CODE' } });
  });

  it('the probes are documented: declared codes in x-error-codes, an empty schema for the route without one', async () => {
    const doc = (await call(checked.base, 'GET', '/openapi.json')).body;
    expect(doc.paths['/probe/reject/{code}'].post['x-error-codes'].slice(0, 2)).toEqual(['PROBE.INVALID', 'PROBE.NOT_FOUND']);
    expect(doc.paths['/probe/undocumented'].get.responses['200'].content['application/json'].schema).toEqual({});
    expect(doc.paths['/probe/good'].get.responses['200'].content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['id', 'amount', 'at'],
    });
  });
});

// ---------------------------------------------------------------------------------------------

/** Every route of every route file (issue #12, decision 0023). */
const DECLARED: Record<string, readonly Route[]> = {
  serviceRoutes,
  identityRoutes,
  orderingRoutes,
  paymentRoutes,
  checkoutRoutes,
  cartRoutes,
  fulfilmentRoutes,
  afterSalesRoutes,
  invoiceRoutes,
  financeRoutes,
  reconciliationRoutes,
  membershipRoutes,
  freightRoutes,
  promotionRoutes,
  couponRoutes,
  catalogRoutes,
  inventoryRoutes,
  warehouseStockRoutes,
  dispatchRoutes,
};

/**
 * The codes the code base raises: every `'AREA.CODE'` literal outside the route files (which only
 * declare codes: `x-routes.ts`, or a context's `routes.ts`), every code raised through a context's
 * error catalogue (`AREA_ERRORS.raise('CODE'`, `AREA_ERROR.CODE`), and the codes of `HttpProblem`s
 * anywhere (a route may raise its own).
 * declare codes: `*-routes.ts`, a context's `<ctx>/routes.ts`), the codes of `HttpProblem`s anywhere (a
 * route may raise its own), and every code of the contexts' error catalogues (raised by name, `raise('X')`).
 */
async function codesInSources(): Promise<Set<string>> {
  const codes = new Set<string>(ERROR_CATALOGUES.flatMap((c) => Object.keys(c.kinds)));
  for (const dir of ['domain', 'application', 'adapters']) {
    for (const f of await readdir(dir, { recursive: true })) {
      if (!f.endsWith('.ts')) continue;
      const text = await readFile(join(dir, f), 'utf8');
      const declaring = /(^|[\\/-])routes\.ts$/.test(f);
      for (const m of text.matchAll(declaring ? /HttpProblem\(\d+, '([A-Z]+\.[A-Z_]+)'/g : /'([A-Z]+\.[A-Z_]+)'/g)) codes.add(m[1]!);
      if (declaring) continue;
      for (const m of text.matchAll(/\b([A-Z]+)_ERRORS\.raise\(\s*'([A-Z_]+)'|\b([A-Z]+)_ERROR\.([A-Z_]+)\b/g)) codes.add(`${m[1] ?? m[3]}.${m[2] ?? m[4]}`);
    }
  }
  return codes;
}

describe('routes declare their answers and errors', () => {
  it('the list above is every route the router serves, so a new route file cannot be left out', () => {
    const key = (r: Route) => `${r.method} ${r.path}`;
    expect(Object.values(DECLARED).flat().map(key).sort()).toEqual(allRoutes.map(key).sort());
  });

  it.each(Object.entries(DECLARED))('every route of %s declares its response schema and its error codes', (_name, routes) => {
    for (const r of routes) {
      expect(r.status === 204 || r.response !== undefined, `${r.method} ${r.path} response`).toBe(true);
      expect(r.errors, `${r.method} ${r.path} errors`).toBeDefined();
    }
  });

  it('every declared error code is a code the code base raises (no typo), and no generic code is declared', async () => {
    const known = await codesInSources();
    const declared = Object.values(DECLARED)
      .flat()
      .flatMap((r) =>
        Object.values(r.errors ?? {})
          .flat()
          .map((code) => `${r.method} ${r.path} ${code}`),
      );
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((d) => !known.has(d.split(' ')[2]!))).toEqual([]);
    expect(declared.filter((d) => /^(VALIDATION|HTTP|AUTH|CONCURRENCY)\./.test(d.split(' ')[2]!))).toEqual([]);
  });
});
