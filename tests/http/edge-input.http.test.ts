// Issue #12 findings 2 and 3: strings and integers at the edge. Runs on memory here and on PostgreSQL
// (server or PGlite) in edge-input.http.postgres.test.ts, where these inputs used to answer 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../adapters/demo/index.js';
import { startTestServer, type TestServer } from '../support/http.js';

let s: TestServer;
let staff: string;
beforeAll(async () => {
  s = await startTestServer();
  staff = s.token({ subject: 'staff-edge', kind: 'staff', roles: ['admin'] });
  await s.zt.membership.register({ memberId: 'member-1' });
});
afterAll(() => s.close());

const NUL = 'Zhang\u0000San';
const LONE = 'Zhang\ud800San';
const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const address = { recipient: '李四', phone: '13900000000', region: '北京市', detail: '长安街 1 号' };

async function counts() {
  const history = await s.zt.membership.history({ memberId: 'member-1' });
  const orders = await s.zt.orderQueries.list({ memberId: 'member-1', page: 1, pageSize: 100 });
  const categories = await s.zt.catalog.queries.categoryTree();
  const profile = await s.zt.membership.get({ memberId: 'member-1' });
  return { history, orders: orders.total, categories, addresses: profile.addresses.length, growth: profile.growth, points: profile.points };
}

describe('one string rule at the edge (issue #12 finding 2)', () => {
  it('a NUL or a lone surrogate in any string — query, body at any depth, object key, unknown body, path — is 400 VALIDATION.INVALID_TEXT with its path, and nothing is written', async () => {
    const before = await counts();
    const cases: [string, string, unknown, string, string | undefined][] = [
      ['GET', '/catalog/spus?keyword=%00', undefined, 'query.keyword', undefined],
      ['POST', '/me/orders', { consignee: { ...consignee, name: NUL } }, 'body.consignee.name', s.memberToken],
      ['POST', '/me/orders', { consignee, remark: LONE }, 'body.remark', s.memberToken],
      ['POST', '/me/membership/addresses', { ...address, recipient: NUL }, 'body.recipient', s.memberToken],
      ['POST', '/me/membership/points/spend', { purpose: 'mall', reference: LONE, points: 1 }, 'body.reference', s.memberToken],
      ['POST', '/admin/membership/members/member-1/growth', { delta: 1, reason: NUL }, 'body.reason', staff],
      ['POST', '/admin/catalog/categories', { name: 'Tea', parentId: null, 'k\u0000': 1 }, 'body.k\\u0000', staff],
      ['POST', '/payments/callbacks/fake', { paymentNumber: 'P1', extra: [{ note: NUL }] }, 'body.extra.0.note', undefined],
      ['GET', '/admin/promotion/activities/a1/purchase-limits/m%00', undefined, 'params.memberId', staff],
      ['GET', '/admin/orders?number=%00', undefined, 'query.number', staff],
    ];
    for (const [method, path, body, where, token] of cases) {
      const r = await s.request(method, path, { ...(body !== undefined ? { body } : {}), ...(token ? { token } : {}) });
      expect([path, r.status, r.body.code, r.headers.get('content-type')]).toEqual([
        path,
        400,
        'VALIDATION.INVALID_TEXT',
        expect.stringContaining('application/problem+json'),
      ]);
      expect(r.body.errors).toContainEqual({ path: where, message: expect.stringMatching(/NUL|surrogate/) });
    }
    expect(await counts()).toEqual(before);
  });

  it('well-formed text of any script passes: emoji (surrogate pairs), CJK, RTL', async () => {
    const r = await s.request('POST', '/me/membership/addresses', { token: s.memberToken, body: { ...address, recipient: '李四 🧧 مرحبا' } });
    expect(r.status).toBe(201);
    expect(r.body.addresses.map((a: { recipient: string }) => a.recipient)).toContain('李四 🧧 مرحبا');
  });
});

describe('integers bounded by what is stored (issue #12 finding 3)', () => {
  it('a value past a 32-bit column is 400 VALIDATION.FAILED at its path, and nothing is written', async () => {
    const before = await counts();
    const sku = 'sku-x';
    const cases: [string, string, unknown, string][] = [
      ['POST', '/admin/catalog/categories', { name: 'Tea', sort: 2 ** 31 }, 'body.sort'],
      ['POST', '/admin/catalog/categories', { name: 'Tea', sort: -(2 ** 31) - 1 }, 'body.sort'],
      ['PUT', `/admin/inventory/skus/${sku}/policies`, { oversellAllowance: 2 ** 31 }, 'body.oversellAllowance'],
      ['PUT', `/admin/inventory/skus/${sku}/policies`, { lowStockThreshold: 2 ** 31 }, 'body.lowStockThreshold'],
      ['POST', `/admin/inventory/skus/${sku}/operations`, { kind: 'increase', quantity: 2 ** 31, reference: 'r1' }, 'body.quantity'],
      ['POST', '/admin/membership/members/member-1/growth', { delta: 2 ** 31, reason: 'x' }, 'body.delta'],
      ['POST', '/admin/membership/members/member-1/growth', { delta: -(2 ** 31), reason: 'x' }, 'body.delta'],
      ['POST', '/admin/membership/members/member-1/points', { delta: 2 ** 31, reason: 'x' }, 'body.delta'],
      ['POST', '/me/membership/points/spend', { purpose: 'mall', reference: 'r1', points: Number.MAX_SAFE_INTEGER }, 'body.points'],
      ['PUT', '/admin/membership/members/member-1/level', { level: 2 ** 31, reason: 'x' }, 'body.level'],
    ];
    for (const [method, path, body, where] of cases) {
      const r = await s.request(method, path, { body, token: path.startsWith('/me') ? s.memberToken : staff });
      expect([path, where, r.status, r.body.code]).toEqual([path, where, 400, 'VALIDATION.FAILED']);
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(where);
    }
    expect(await counts()).toEqual(before);
  });

  it('a change that would overflow a balance is 409 MEMBERSHIP.BALANCE_OVERFLOW before anything is written', async () => {
    const top = await s.request('POST', '/admin/membership/members/member-1/growth', {
      token: staff,
      body: { delta: 2 ** 31 - 1 - (await counts()).growth, reason: 'to the top' },
    });
    expect(top.status).toBe(200);
    const before = await counts();
    const r = await s.request('POST', '/admin/membership/members/member-1/growth', { token: staff, body: { delta: 1, reason: 'one more' } });
    expect([r.status, r.body.code]).toEqual([409, 'MEMBERSHIP.BALANCE_OVERFLOW']);
    expect(await counts()).toEqual(before);
  });
});

describe('placing cross-border lines (issue #12 finding 4)', () => {
  it('POST /me/orders with the rates the checkout preview takes is 422 ORDER.CROSS_BORDER_NOT_SUPPORTED with the SKUs, not a 500, and places nothing', async () => {
    await seedDemo(s.zt);
    const member = s.token({ subject: 'demo-member', kind: 'member', roles: [] });
    const { items } = await s.zt.catalog.queries.searchSpus({ keyword: 'MEADOW-GOLD-2', status: 'listed' }, { page: 1, size: 5 });
    const skuId = (await s.zt.catalog.queries.spu(items[0]!.id))!.skus[0]!.id;
    const body = { buyNow: { skuId, quantity: 1 }, consignee, coupons: 'none', crossBorder: [{ skuId, consumptionRate: '0', vatRate: '0.17' }] };
    const preview = await s.request('POST', '/me/checkout/preview', {
      token: member,
      body: { address: consignee.district, buyNow: body.buyNow, coupons: 'none', crossBorder: body.crossBorder },
    });
    expect([preview.status, preview.body.crossBorder?.tax?.total]).toEqual([200, expect.any(String)]);
    const before = (await s.request('GET', '/me/orders', { token: member })).body.total;
    const r = await s.request('POST', '/me/orders', { token: member, body });
    expect([r.status, r.body.code, r.body.details]).toEqual([422, 'ORDER.CROSS_BORDER_NOT_SUPPORTED', { skuIds: [skuId] }]);
    expect((await s.request('GET', '/me/orders', { token: member })).body.total).toBe(before);
  });
});
