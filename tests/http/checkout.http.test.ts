import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillCart, fivethousandPoints, populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { at } from '../support/mothers.js';

const XIHU = '330106';

describe('checkout preview over HTTP (POST /me/checkout/preview)', () => {
  let s: TestServer;
  let w: CheckoutWorld;
  let m1: string;
  beforeAll(async () => {
    const now = at(10);
    s = await startTestServer(undefined, { clock: { now: () => now }, checkout: { points: fivethousandPoints } });
    w = await populateCheckoutWorld(s.zt, now);
    await fillCart(w);
    m1 = s.token({ subject: 'm1', kind: 'member', roles: [] });
  }, 120_000);
  afterAll(() => s.close());

  const preview = (body: unknown, token = m1) => s.request('POST', '/me/checkout/preview', { token, body });

  it('happy path: the member’s selected cart lines priced with coupons, points, freight per shop, tax, and four child orders; nothing written', async () => {
    const cartBefore = (await s.request('GET', '/me/cart', { token: m1 })).body;
    const res = await preview({ address: XIHU, points: 1000, crossBorder: [{ skuId: w.skus.p1, consumptionRate: '0', vatRate: '0.17' }] });
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({
      subtotal: '1269.90',
      itemPriceDiscount: '0.00',
      activityDiscount: '40.00',
      couponDiscount: '50.00',
      pointsAmount: '10.00',
      goodsPayable: '1169.90',
      freight: '16.00',
      freightDeduction: '5.00',
      tax: '90.56',
      payable: '1271.46',
    });
    const cents = (x: string) => Math.round(Number(x) * 100);
    for (const k of Object.keys(res.body.totals)) {
      expect(
        res.body.lines.reduce((a: number, l: any) => a + cents(l[k]), 0),
        k,
      ).toBe(cents(res.body.totals[k]));
      expect(
        res.body.childOrders.reduce((a: number, c: any) => a + cents(c.amounts[k]), 0),
        k,
      ).toBe(cents(res.body.totals[k]));
    }
    expect(res.body.childOrders.map((c: any) => [c.shopId, c.warehouseId])).toEqual([
      [w.brandA, w.warehouses.hz],
      [w.brandA, w.warehouses.sh],
      [w.brandB, w.warehouses.hz],
      ['platform', w.warehouses.hz],
    ]);
    expect(res.body.shops[1].freight).toMatchObject({
      subtotal: '10.00',
      deduction: '5.00',
      total: '5.00',
      groups: [{ kind: 'template', name: 'by piece', charged: '10.00' }],
    });
    expect(res.body.crossBorder).toMatchObject({
      transactionAmount: '766.90',
      transactionLimit: '2000.00',
      tax: { total: '90.56', lines: [{ rate: '0.119' }] },
    });
    expect((await s.request('GET', '/me/cart', { token: m1 })).body.version).toBe(cartBefore.version);
  });

  it('a buy-now line instead of the cart; "none" takes no coupon', async () => {
    const res = await preview({ address: XIHU, buyNow: { skuId: w.skus.b1, quantity: 3 }, coupons: 'none' });
    expect([res.status, res.body.source, res.body.totals.payable, res.body.lines.length]).toEqual([200, 'buy_now', '162.00', 1]); // 150.00 + 8.00 + 2 × 2.00
  });

  it.each([
    ['an address without a region', { address: '330000' }, 422, 'CHECKOUT.INVALID_ADDRESS'],
    ['an address that is no code', { address: 'Hangzhou' }, 422, 'CHECKOUT.INVALID_ADDRESS'],
    ['an unknown SKU', { address: XIHU, buyNow: { skuId: 'nope', quantity: 1 } }, 404, 'CART.UNKNOWN_SKU'],
    ['an unlisted SKU', { address: XIHU, buyNow: { skuId: 'U1', quantity: 1 } }, 409, 'CART.SKU_NOT_LISTED'],
    ['quantity 0', { address: XIHU, buyNow: { skuId: 'A1', quantity: 0 } }, 422, 'CART.INVALID_QUANTITY'],
    ['a quantity above the limit', { address: XIHU, buyNow: { skuId: 'A1', quantity: 101 } }, 422, 'CART.QUANTITY_LIMIT'],
    ['another member’s coupon', { address: XIHU, coupons: ['OTHERS'] }, 404, 'CHECKOUT.COUPON_NOT_FOUND'],
    ['a coupon below its threshold', { address: XIHU, buyNow: { skuId: 'P2', quantity: 1 }, coupons: ['PLATFORM'] }, 422, 'CHECKOUT.COUPON_NOT_USABLE'],
    [
      'a cross-border order above 2,000.00',
      { address: XIHU, buyNow: { skuId: 'P1', quantity: 6 }, crossBorder: [{ skuId: 'P1', consumptionRate: '0', vatRate: '0.17' }] },
      422,
      'CROSSBORDER.TRANSACTION_LIMIT',
    ],
    ['an unknown field', { address: XIHU, memberId: 'm2' }, 400, 'VALIDATION.FAILED'],
    ['a quantity that is no number', { address: XIHU, buyNow: { skuId: 'A1', quantity: '1' } }, 400, 'VALIDATION.FAILED'],
  ])('bad input: %s → %i %s (problem+json)', async (_name, raw, status, code) => {
    const names: Record<string, string> = {
      U1: w.skus.u1,
      A1: w.skus.a1,
      P1: w.skus.p1,
      P2: w.skus.p2,
      OTHERS: w.coupons.others,
      PLATFORM: w.coupons.platform,
    };
    const body = JSON.parse(JSON.stringify(raw).replace(/"(U1|A1|P1|P2|OTHERS|PLATFORM)"/g, (_m, k: string) => JSON.stringify(names[k])));
    const res = await preview(body);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('nothing selected is CHECKOUT.NOTHING_TO_BUY; only members reach the route; OpenAPI lists it', async () => {
    const empty = await preview({ address: XIHU }, s.token({ subject: 'm9', kind: 'member', roles: [] }));
    expect([empty.status, empty.body.code]).toEqual([422, 'CHECKOUT.NOTHING_TO_BUY']);
    expect((await s.request('POST', '/me/checkout/preview', { body: { address: XIHU } })).status).toBe(401);
    expect((await preview({ address: XIHU }, s.staffToken)).status).toBe(403);
    const doc = (await s.request('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths['/me/checkout/preview'] ?? {})).toEqual(['post']);
  });
});
