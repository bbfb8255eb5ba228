import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { seedDemo } from '../../adapters/demo/index.js';
import { startTestServer, twoTeaSkus, type TestServer } from '../support/http.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

const tier = tierInput;
const warehouse = (code: string, over: Record<string, unknown> = {}) => ({ ...warehouseFields(code), ...over });

describe('dispatch over HTTP (warehouses, pre-dispatch over the dispatch layer of stock)', () => {
  let s: TestServer;
  let dispatcher: string;
  let skuA: string;
  let skuB: string;
  let hz: any;
  beforeAll(async () => {
    s = await startTestServer();
    dispatcher = s.token({ subject: 'dispatcher', kind: 'staff', roles: ['dispatch'] });
    [skuA, skuB] = await twoTeaSkus(s.zt);
  });
  afterAll(() => s.close());

  const call = (method: string, path: string, body?: unknown, token = dispatcher) =>
    s.request(method, path, { ...(body !== undefined ? { body } : {}), token });
  /** Everything dispatch stores: the warehouses and every figure of the two SKUs, to show nothing was written. */
  const stored = async () => {
    const warehouses = await s.zt.dispatch.listWarehouses();
    const stock = await s.zt.persistence.unitOfWork({ publish: async () => {} }).run((tx) =>
      tx.use(INVENTORY_STORE).dispatchStocks.available(
        [skuA, skuB],
        warehouses.map((w) => w.id),
      ),
    );
    return JSON.stringify({ warehouses, stock });
  };
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  };

  it('creates, changes and lists warehouses, receives stock into them and previews dispatch (DSP-1)', async () => {
    const created = await call('POST', '/admin/dispatch/warehouses', warehouse('HZ', { type: 'self_run_central', tiers: [tier(1, [R.zhejiang], 1)] }));
    expect(created.status).toBe(201);
    hz = created.body;
    expect(hz).toMatchObject({ code: 'HZ', status: 'active', version: 1, tiers: [tier(1, [R.zhejiang], 1)] });
    const nj = (await call('POST', '/admin/dispatch/warehouses', warehouse('NJ', { tiers: [tier(1, [R.jiangsu], 1)] }))).body;
    const patched = await call('PATCH', `/admin/dispatch/warehouses/${nj.id}`, {
      priority: 2,
      tiers: [tier(1, [R.jiangsu], 1), tier(3, [R.zhejiang], 3)],
    });
    expect(patched.body).toMatchObject({ priority: 2, version: 2, tiers: [{ tier: 1 }, { tier: 3 }] });
    const off = (await call('POST', '/admin/dispatch/warehouses', warehouse('OFF', { status: 'inactive' }))).body;

    expect((await call('GET', '/admin/dispatch/warehouses')).body.map((w: any) => w.code)).toEqual(['HZ', 'NJ', 'OFF']);
    expect((await call('GET', '/admin/dispatch/warehouses?status=active')).body.map((w: any) => w.code)).toEqual(['HZ', 'NJ']);
    expect((await call('GET', '/admin/dispatch/warehouses?status=inactive')).body.map((w: any) => w.id)).toEqual([off.id]);

    // Stock arrives by purchase receipts (an inventory route, so an inventory token).
    const stocker = s.token({ subject: 'stocker', kind: 'staff', roles: ['inventory'] });
    const receipt = (warehouseId: string, skuId: string, quantity: number) =>
      call(
        'POST',
        `/admin/inventory/warehouses/${warehouseId}/skus/${skuId}/receipts`,
        { location: 'A-01-01', quantity, fromInTransit: false, reference: `r-${warehouseId}-${skuId}` },
        stocker,
      );
    expect((await receipt(hz.id, skuA, 5)).status).toBe(200);
    await receipt(nj.id, skuB, 9);
    await receipt(off.id, skuB, 9);

    const single = await call('POST', '/admin/dispatch/preview', {
      address: R.xihu,
      lines: [
        { skuId: skuA, quantity: 2 },
        { skuId: skuA, quantity: 3 },
      ],
    });
    expect(single.body).toEqual({
      address: R.xihu,
      estimatedDeliveryDays: 1,
      groups: [
        {
          warehouseId: hz.id,
          warehouseCode: 'HZ',
          warehouseName: '仓库 HZ',
          warehouseType: 'self_run_central',
          tier: 1,
          estimatedDeliveryDays: 1,
          lines: [{ skuId: skuA, quantity: 5 }],
        },
      ],
    });
    const split = await call('POST', '/admin/dispatch/preview', {
      address: R.xihu,
      lines: [
        { skuId: skuA, quantity: 1 },
        { skuId: skuB, quantity: 1 },
      ],
    });
    expect(split.body.groups.map((g: any) => [g.warehouseCode, g.tier, g.lines])).toEqual([
      ['HZ', 1, [{ skuId: skuA, quantity: 1 }]],
      ['NJ', 3, [{ skuId: skuB, quantity: 1 }]],
    ]);
    expect(split.body.estimatedDeliveryDays).toBe(3);
  });

  it.each([
    [
      'overlapping region definitions (DSP-1: no two regions of a warehouse overlap)',
      422,
      'DISPATCH.OVERLAPPING_REGIONS',
      warehouse('X1', { tiers: [tier(1, [R.hangzhou], 1), tier(2, [R.xihu], 2)] }),
    ],
    ['an invalid region code in a tier', 422, 'DISPATCH.INVALID_REGION', warehouse('X2', { tiers: [tier(1, ['999999'], 1)] })],
    ['a city as the warehouse address', 422, 'DISPATCH.INVALID_REGION', warehouse('X3', { address: { region: R.hangzhou, detail: 'x' } })],
    ['a duplicate warehouse code', 409, 'DISPATCH.DUPLICATE_WAREHOUSE_CODE', warehouse('HZ')],
    ['a tier 4', 422, 'DISPATCH.INVALID_TIER', warehouse('X4', { tiers: [tier(4, [R.jiangsu], 1)] })],
    [
      'a later tier faster than an earlier one',
      422,
      'DISPATCH.INVALID_DELIVERY_TIME',
      warehouse('X5', { tiers: [tier(1, [R.jiangsu], 3), tier(2, [R.zhejiang], 1)] }),
    ],
    ['a negative priority', 422, 'DISPATCH.INVALID_PRIORITY', warehouse('X6', { priority: -1 })],
    ['a malformed code', 422, 'DISPATCH.INVALID_CODE', warehouse('no spaces')],
    ['an unknown type', 400, 'VALIDATION.FAILED', warehouse('X7', { type: 'bonded' })],
    ['an unknown field', 400, 'VALIDATION.FAILED', warehouse('X8', { colour: 'red' })],
    ['a missing field', 400, 'VALIDATION.FAILED', { code: 'X9' }],
  ])('creating a warehouse with %s is a %i %s problem and writes nothing', async (_what, status, code, body) => {
    const before = await stored();
    expectProblem(await call('POST', '/admin/dispatch/warehouses', body), status, code);
    expect(await stored()).toBe(before);
  });

  it.each([
    ['overlapping regions', 422, 'DISPATCH.OVERLAPPING_REGIONS', { tiers: [tier(1, [R.zhejiang, R.xihu], 1)] }],
    ['an invalid region code', 422, 'DISPATCH.INVALID_REGION', { tiers: [tier(1, ['33010'], 1)] }],
    ['a code another warehouse has', 409, 'DISPATCH.DUPLICATE_WAREHOUSE_CODE', { code: 'NJ' }],
    ['an unknown status', 400, 'VALIDATION.FAILED', { status: 'closed' }],
    ['an unknown field', 400, 'VALIDATION.FAILED', { version: 7 }],
  ])('changing a warehouse with %s is a %i %s problem and writes nothing', async (_what, status, code, body) => {
    const before = await stored();
    expectProblem(await call('PATCH', `/admin/dispatch/warehouses/${hz.id}`, body), status, code);
    expect(await stored()).toBe(before);
  });

  it('an unknown warehouse is a 404 DISPATCH.WAREHOUSE_NOT_FOUND', async () => {
    expectProblem(await call('PATCH', '/admin/dispatch/warehouses/nope', { priority: 1 }), 404, 'DISPATCH.WAREHOUSE_NOT_FOUND');
  });

  it.each([
    ['a zero quantity', 422, 'QUANTITY.INVALID', (a: string) => ({ address: R.xihu, lines: [{ skuId: a, quantity: 0 }] })],
    ['a negative quantity', 422, 'QUANTITY.INVALID', (a: string) => ({ address: R.xihu, lines: [{ skuId: a, quantity: -3 }] })],
    ['a fractional quantity', 400, 'VALIDATION.FAILED', (a: string) => ({ address: R.xihu, lines: [{ skuId: a, quantity: 0.5 }] })],
    ['no lines', 422, 'DISPATCH.NO_LINES', () => ({ address: R.xihu, lines: [] })],
    ['an unknown SKU', 404, 'DISPATCH.UNKNOWN_SKU', () => ({ address: R.xihu, lines: [{ skuId: 'nope', quantity: 1 }] })],
    ['an invalid region code', 422, 'DISPATCH.INVALID_REGION', (a: string) => ({ address: '12345x', lines: [{ skuId: a, quantity: 1 }] })],
    ['a province as the address', 422, 'DISPATCH.INVALID_REGION', (a: string) => ({ address: R.zhejiang, lines: [{ skuId: a, quantity: 1 }] })],
    ['an address no warehouse delivers to', 422, 'DISPATCH.NO_WAREHOUSE', (a: string) => ({ address: R.nanshan, lines: [{ skuId: a, quantity: 1 }] })],
    ['more than any warehouse has', 409, 'DISPATCH.INSUFFICIENT_STOCK', (a: string) => ({ address: R.xihu, lines: [{ skuId: a, quantity: 6 }] })],
    ['an unknown field', 400, 'VALIDATION.FAILED', (a: string) => ({ address: R.xihu, lines: [{ skuId: a, quantity: 1 }], channel: 'app' })],
  ])('previewing with %s is a %i %s problem and writes nothing', async (_what, status, code, body) => {
    const before = await stored();
    expectProblem(await call('POST', '/admin/dispatch/preview', body(skuA)), status, code);
    expect(await stored()).toBe(before);
  });

  it('member tokens, staff without the dispatch role and callers without a token are refused, and nothing is written', async () => {
    const before = await stored();
    const routes: [string, string, unknown][] = [
      ['GET', '/admin/dispatch/warehouses', undefined],
      ['POST', '/admin/dispatch/warehouses', warehouse('MEMBER')],
      ['PATCH', `/admin/dispatch/warehouses/${hz.id}`, { priority: 0 }],
      ['POST', '/admin/dispatch/preview', { address: R.xihu, lines: [{ skuId: skuA, quantity: 1 }] }],
    ];
    for (const [method, path, body] of routes) {
      expectProblem(await call(method, path, body, s.memberToken), 403, 'AUTH.FORBIDDEN');
      expectProblem(await call(method, path, body, s.staffToken), 403, 'AUTH.FORBIDDEN');
      expectProblem(await s.request(method, path, body === undefined ? {} : { body }), 401, 'AUTH.MISSING_TOKEN');
    }
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await call('GET', '/admin/dispatch/warehouses', undefined, admin)).status).toBe(200);
    expect(await stored()).toBe(before);
  });
});

describe('dispatch demo data', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedDemo(s.zt);
    await seedDemo(s.zt); // idempotent
  });
  afterAll(() => s.close());

  it('three warehouses; a black and a blue phone to Hangzhou split between the central and the Guangzhou warehouse', async () => {
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    const list = await s.request('GET', '/admin/dispatch/warehouses', { token: admin });
    expect(list.body.map((w: any) => [w.code, w.type])).toEqual([
      ['GZ-REGIONAL', 'self_run_regional'],
      ['HZ-CENTRAL', 'self_run_central'],
      ['MEADOW-SH', 'supplier'],
    ]);
    const phone = (await s.zt.catalog.queries.searchSpus({ keyword: 'NOVA-X1' }, { page: 1, size: 1 })).items[0]!;
    const skus = (await s.zt.catalog.queries.spu(phone.id))!.skus;
    const black = skus.find((k) => k.specs.color === '黑 Black')!.id;
    const blue = skus.find((k) => k.specs.color === '蓝 Blue')!.id;
    const plan = await s.request('POST', '/admin/dispatch/preview', {
      token: admin,
      body: {
        address: R.xihu,
        lines: [
          { skuId: black, quantity: 1 },
          { skuId: blue, quantity: 1 },
        ],
      },
    });
    expect(plan.body.groups.map((g: any) => [g.warehouseCode, g.tier, g.estimatedDeliveryDays])).toEqual([
      ['HZ-CENTRAL', 1, 1],
      ['GZ-REGIONAL', 3, 4],
    ]);
  });
});
