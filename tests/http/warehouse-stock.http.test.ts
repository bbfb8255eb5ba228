import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../adapters/demo/index.js';
import { startTestServer, twoTeaSkus, type TestServer } from '../support/http.js';
import { R, tierInput, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

describe('dispatch and warehouse layers of stock over HTTP', () => {
  let s: TestServer;
  let stocker: string;
  let sku: string;
  let other: string;
  let hz: string;
  let gz: string;
  beforeAll(async () => {
    s = await startTestServer();
    stocker = s.token({ subject: 'stocker', kind: 'staff', roles: ['inventory'] });
    [sku, other] = await twoTeaSkus(s.zt);
    hz = (await s.zt.dispatch.createWarehouse(warehouseFields('HZ', { tiers: [tierInput(1, [R.zhejiang])] }))).id;
    gz = (await s.zt.dispatch.createWarehouse(warehouseFields('GZ', { tiers: [tierInput(3, [R.zhejiang])] }))).id;
  });
  afterAll(() => s.close());

  const post = (path: string, body: unknown, token = stocker) => s.request('POST', path, { body, token });
  const at = (warehouseId: string, skuId = sku) => `/admin/inventory/warehouses/${warehouseId}/skus/${skuId}`;
  const layers = async (skuId = sku) => (await s.request('GET', `/admin/inventory/skus/${skuId}/layers`, { token: stocker })).body;
  /** Everything the layers store about both SKUs, to show that a rejected request wrote nothing. */
  const stored = async () => JSON.stringify([await layers(sku), await layers(other)]);
  const expectProblem = (res: { status: number; body: any; headers: Headers }, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  };

  it('purchase in transit, receipt, transfer and its receipt, damage, write-off, move and stock-take; the view shows every layer and the check finds nothing', async () => {
    expect((await post(`${at(hz)}/in-transit`, { quantity: 10, reference: 'po-1' })).status).toBe(200);
    const receipt = await post(`${at(hz)}/receipts`, { location: 'A-01-01', quantity: 10, reference: 'po-1', fromInTransit: true });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ replayed: false, sales: { stock: { total: 10 } }, warehouse: [{ stock: { location: 'A-01-01', available: 10 } }] });
    const again = await post(`${at(hz)}/receipts`, { location: 'A-01-01', quantity: 10, reference: 'po-1', fromInTransit: true });
    expect([again.status, again.body.replayed, again.body.dispatch[0].movement.id]).toEqual([200, true, receipt.body.dispatch[0].movement.id]);

    const transfer = await post('/admin/inventory/transfers', {
      skuId: sku,
      fromWarehouseId: hz,
      fromLocation: 'A-01-01',
      toWarehouseId: gz,
      quantity: 4,
      reference: 'tr-1',
    });
    expect([transfer.status, transfer.body.sales]).toEqual([200, null]);
    expect((await post(`${at(gz)}/transfer-receipts`, { location: 'G-01', quantity: 4, reference: 'tr-1' })).status).toBe(200);
    expect((await post(`${at(hz)}/damages`, { location: 'A-01-01', quantity: 2, reference: 'dmg-1' })).status).toBe(200);
    expect((await post(`${at(hz)}/write-offs`, { location: 'A-01-01', quantity: 1, reference: 'wo-1' })).status).toBe(200);
    expect((await post(`${at(hz)}/moves`, { fromLocation: 'A-01-01', toLocation: 'B-02-01', quantity: 3, reference: 'mv-1' })).status).toBe(200);
    expect((await post(`${at(gz)}/stock-takes`, { location: 'G-01', quantity: -1, reference: 'st-1' })).status).toBe(200);

    const view = await layers();
    expect(view.sales).toMatchObject({ total: 7, sellable: 7, inStock: true }); // 10 received, 2 damaged, 1 lost at the stock-take
    const byId = Object.fromEntries(view.warehouses.map((w: any) => [w.warehouseId, w]));
    expect(byId[hz]).toEqual({
      warehouseId: hz,
      book: 5,
      available: 4,
      inTransit: 0,
      unsellable: 1,
      used: 0,
      locations: [
        { location: 'A-01-01', available: 1, locked: 0, shipped: 0, unusable: 1 },
        { location: 'B-02-01', available: 3, locked: 0, shipped: 0, unusable: 0 },
      ],
    });
    expect(byId[gz]).toEqual({
      warehouseId: gz,
      book: 3,
      available: 3,
      inTransit: 0,
      unsellable: 0,
      used: 0,
      locations: [{ location: 'G-01', available: 3, locked: 0, shipped: 0, unusable: 0 }],
    });
    expect(view.ledgers.dispatch.map((m: any) => m.kind)).toEqual([
      'in_transit',
      'receive',
      'transfer_out',
      'transfer_in',
      'transfer_receive',
      'damage',
      'write_off',
      'adjust',
    ]);
    expect(view.ledgers.sales.map((m: any) => [m.kind, m.quantity])).toEqual([
      ['increase', 10],
      ['adjust', -2],
      ['adjust', -1],
    ]);
    expect((await s.request('GET', '/admin/inventory/layers/consistency', { token: stocker })).body).toEqual([]);
    expect((await s.request('GET', `/admin/inventory/layers/consistency?skuId=${sku}`, { token: stocker })).body).toEqual([]);

    // DSP-1 reads the dispatch layer: 4 available in HZ (tier 1), 3 in GZ (tier 3).
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    const plan = await s.request('POST', '/admin/dispatch/preview', { token: admin, body: { address: R.xihu, lines: [{ skuId: sku, quantity: 4 }] } });
    expect(plan.body.groups.map((g: any) => g.warehouseCode)).toEqual(['HZ']);
    const farther = await s.request('POST', '/admin/dispatch/preview', {
      token: admin,
      body: {
        address: R.xihu,
        lines: [
          { skuId: sku, quantity: 3 },
          { skuId: sku, quantity: 2 },
        ],
      },
    });
    expect(farther.body).toMatchObject({ code: 'DISPATCH.INSUFFICIENT_STOCK' });
  });

  const transfer = (over: Record<string, unknown> = {}) => ({
    skuId: sku,
    fromWarehouseId: hz,
    fromLocation: 'B-02-01',
    toWarehouseId: gz,
    quantity: 1,
    reference: 'tr-bad',
    ...over,
  });
  it.each([
    ['a zero quantity', () => [`${at(hz)}/receipts`, { location: 'A-01-01', quantity: 0, reference: 'r-bad', fromInTransit: false }], 422, 'QUANTITY.INVALID'],
    ['a negative quantity', () => [`${at(hz)}/in-transit`, { quantity: -3, reference: 'r-bad' }], 422, 'QUANTITY.INVALID'],
    ['a zero stock-take', () => [`${at(hz)}/stock-takes`, { location: 'A-01-01', quantity: 0, reference: 'r-bad' }], 422, 'QUANTITY.INVALID'],
    ['a fractional quantity', () => [`${at(hz)}/damages`, { location: 'A-01-01', quantity: 0.5, reference: 'r-bad' }], 400, 'VALIDATION.FAILED'],
    [
      'an unknown SKU',
      () => [`${at(hz, 'nope')}/receipts`, { location: 'A-01-01', quantity: 1, reference: 'r-bad', fromInTransit: false }],
      404,
      'INVENTORY.UNKNOWN_SKU',
    ],
    [
      'an unknown warehouse',
      () => [`${at('nope')}/receipts`, { location: 'A-01-01', quantity: 1, reference: 'r-bad', fromInTransit: false }],
      404,
      'DISPATCH.WAREHOUSE_NOT_FOUND',
    ],
    ['a transfer to an unknown warehouse', () => ['/admin/inventory/transfers', transfer({ toWarehouseId: 'nope' })], 404, 'DISPATCH.WAREHOUSE_NOT_FOUND'],
    ['a transfer of more than is available', () => ['/admin/inventory/transfers', transfer({ quantity: 4 })], 409, 'INVENTORY.INSUFFICIENT_AVAILABLE'],
    ['a transfer to the same warehouse', () => ['/admin/inventory/transfers', transfer({ toWarehouseId: hz })], 422, 'INVENTORY.TRANSFER_SAME_WAREHOUSE'],
    [
      'a transfer receipt of more than is in transit',
      () => [`${at(gz)}/transfer-receipts`, { location: 'G-01', quantity: 1, reference: 'tr-9' }],
      409,
      'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
    ],
    [
      'a receipt of more than is in transit',
      () => [`${at(gz)}/receipts`, { location: 'G-01', quantity: 1, reference: 'po-9', fromInTransit: true }],
      409,
      'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
    ],
    [
      'damaging more than is available at the location',
      () => [`${at(hz)}/damages`, { location: 'A-01-01', quantity: 2, reference: 'dmg-9' }],
      409,
      'INVENTORY.INSUFFICIENT_AVAILABLE',
    ],
    [
      'writing off more than is damaged',
      () => [`${at(hz)}/write-offs`, { location: 'A-01-01', quantity: 2, reference: 'wo-9' }],
      409,
      'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED',
    ],
    [
      'a stock-take loss below zero',
      () => [`${at(hz)}/stock-takes`, { location: 'B-02-01', quantity: -4, reference: 'st-9' }],
      409,
      'INVENTORY.ADJUST_BELOW_ZERO',
    ],
    [
      'a move to the same location',
      () => [`${at(hz)}/moves`, { fromLocation: 'B-02-01', toLocation: 'B-02-01', quantity: 1, reference: 'mv-9' }],
      422,
      'INVENTORY.MOVE_SAME_LOCATION',
    ],
    [
      'a malformed location',
      () => [`${at(hz)}/moves`, { fromLocation: 'B-02-01', toLocation: 'B 02', quantity: 1, reference: 'mv-9' }],
      422,
      'INVENTORY.INVALID_LOCATION',
    ],
    [
      'a reference reused with another quantity',
      () => [`${at(hz)}/receipts`, { location: 'A-01-01', quantity: 9, reference: 'po-1', fromInTransit: true }],
      409,
      'INVENTORY.REFERENCE_REUSED',
    ],
    [
      'a reference reused at another location',
      () => [`${at(hz)}/receipts`, { location: 'C-03', quantity: 10, reference: 'po-1', fromInTransit: true }],
      409,
      'INVENTORY.REFERENCE_REUSED',
    ],
    ['a missing fromInTransit', () => [`${at(hz)}/receipts`, { location: 'A-01-01', quantity: 1, reference: 'r-bad' }], 400, 'VALIDATION.FAILED'],
    ['an unknown field', () => [`${at(hz)}/in-transit`, { quantity: 1, reference: 'r-bad', supplier: 'x' }], 400, 'VALIDATION.FAILED'],
    ['an empty reference', () => [`${at(hz)}/in-transit`, { quantity: 1, reference: '' }], 400, 'VALIDATION.FAILED'],
  ] as const)('%s is a %i %s problem and writes nothing', async (_what, request, status, code) => {
    const [path, body] = request() as unknown as [string, unknown];
    const before = await stored();
    expectProblem(await post(path, body), status, code);
    expect(await stored()).toBe(before);
  });

  it('the view of an unknown SKU is a 404 INVENTORY.UNKNOWN_SKU', async () => {
    expectProblem(await s.request('GET', '/admin/inventory/skus/nope/layers', { token: stocker }), 404, 'INVENTORY.UNKNOWN_SKU');
  });

  it('member tokens, staff without the inventory role and callers without a token are refused, and nothing is written', async () => {
    const before = await stored();
    const routes: [string, string, unknown][] = [
      ['POST', `${at(hz)}/in-transit`, { quantity: 1, reference: 'x' }],
      ['POST', `${at(hz)}/receipts`, { location: 'A-01-01', quantity: 1, reference: 'x', fromInTransit: false }],
      ['POST', '/admin/inventory/transfers', transfer({ reference: 'x' })],
      ['POST', `${at(gz)}/transfer-receipts`, { location: 'G-01', quantity: 1, reference: 'x' }],
      ['POST', `${at(hz)}/damages`, { location: 'B-02-01', quantity: 1, reference: 'x' }],
      ['POST', `${at(hz)}/write-offs`, { location: 'A-01-01', quantity: 1, reference: 'x' }],
      ['POST', `${at(hz)}/moves`, { fromLocation: 'B-02-01', toLocation: 'C-03', quantity: 1, reference: 'x' }],
      ['POST', `${at(hz)}/stock-takes`, { location: 'B-02-01', quantity: 1, reference: 'x' }],
      ['GET', `/admin/inventory/skus/${sku}/layers`, undefined],
      ['GET', '/admin/inventory/layers/consistency', undefined],
    ];
    const dispatcher = s.token({ subject: 'dispatcher', kind: 'staff', roles: ['dispatch'] });
    for (const [method, path, body] of routes) {
      const options = body === undefined ? {} : { body };
      expectProblem(await s.request(method, path, { ...options, token: s.memberToken }), 403, 'AUTH.FORBIDDEN');
      expectProblem(await s.request(method, path, { ...options, token: dispatcher }), 403, 'AUTH.FORBIDDEN');
      expectProblem(await s.request(method, path, options), 401, 'AUTH.MISSING_TOKEN');
    }
    expect(await stored()).toBe(before);
  });
});

describe('demo stock through purchase receipts', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedDemo(s.zt);
    await seedDemo(s.zt); // every receipt replays: nothing changes
  });
  afterAll(() => s.close());

  it('every layer is stocked by the receipts (the blue phone: 6 units in Guangzhou), and the layers agree', async () => {
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    const phone = (await s.zt.catalog.queries.searchSpus({ keyword: 'NOVA-X1' }, { page: 1, size: 1 })).items[0]!;
    const blue = (await s.zt.catalog.queries.spu(phone.id))!.skus.find((k) => k.specs.color === '蓝 Blue')!.id;
    const view = (await s.request('GET', `/admin/inventory/skus/${blue}/layers`, { token: admin })).body;
    const warehouses = await s.zt.dispatch.listWarehouses();
    const gz = warehouses.find((w) => w.code === 'GZ-REGIONAL')!.id;
    expect(view.sales).toMatchObject({ total: 6, lowStockThreshold: 5 });
    expect(view.warehouses).toEqual([
      {
        warehouseId: gz,
        book: 6,
        available: 6,
        inTransit: 0,
        unsellable: 0,
        used: 0,
        locations: [{ location: 'A-01-01', available: 6, locked: 0, shipped: 0, unusable: 0 }],
      },
    ]);
    expect(view.ledgers.sales.map((m: any) => [m.kind, m.quantity, m.reference.startsWith('demo-receipt-GZ-REGIONAL-')])).toEqual([['increase', 6, true]]);
    expect((await s.request('GET', '/admin/inventory/layers/consistency', { token: admin })).body).toEqual([]);
  });
});
