import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { servingActivities } from '../../application/promotion/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import { TOKENS } from '../../adapters/container/tokens.js';
import { AMOUNT_KEYS } from '../../domain/checkout/breakdown.js';
import { crossBorderTax } from '../../domain/crossborder/tax.js';
import { priceOrder, type PricingLineInput } from '../../domain/pricing/index.js';
import { Money } from '../../domain/shared/money.js';
import { checkoutWorld, fillCart, type CheckoutWorld } from '../support/checkout-world.js';

const XIHU = '330106';
const MILK = (w: CheckoutWorld) => [{ skuId: w.skus.p1, consumptionRate: '0', vatRate: '0.17' }];
type Preview = Awaited<ReturnType<CheckoutWorld['zt']['checkout']['preview']>>;

/** Every amount key of the totals is the sum of the lines' (to the cent), and each child order's is the sum of its lines'. */
function expectSumsHold(p: Preview): void {
  for (const k of AMOUNT_KEYS) {
    expect(p.totals[k].toString(), `totals.${k}`).toBe(Money.sum(p.lines.map((l) => l[k])).toString());
    expect(Money.sum(p.childOrders.map((c) => c.amounts[k])).toString(), `children ${k}`).toBe(p.totals[k].toString());
    for (const c of p.childOrders) expect(c.amounts[k].toString()).toBe(Money.sum(c.lines.map((l) => l.amounts[k])).toString());
  }
  for (const l of p.lines) expect(l.payable.toString()).toBe(l.goodsPayable.add(l.freight).subtract(l.freightDeduction).add(l.tax).toString());
  // ORD-5: the children partition the parent's lines, quantities included.
  const childLines = p.childOrders.flatMap((c) => c.lines.map((l) => `${l.lineId}×${l.quantity}`)).sort();
  expect(childLines).toEqual(p.lines.map((l) => `${l.lineId}×${l.quantity}`).sort());
  expect(p.totals.payable.toString()).toBe(p.pricing.enginePayable.add(p.totals.tax).toString());
}

describe('checkout preview on memory (issue #5 item 3)', () => {
  let w: CheckoutWorld;
  let p: Preview;
  beforeAll(async () => {
    w = await checkoutWorld();
    await fillCart(w);
    p = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, points: 1000, crossBorder: MILK(w) });
  });

  it('the worked example: 满300减40 on shop A, 满500减50, 1,000 points, freight 0 + 10.00 + 6.00, shop B shipping coupon 5.00, 11.9 % tax on the milk powder', () => {
    expect(Object.fromEntries(AMOUNT_KEYS.map((k) => [k, p.totals[k].toString()]))).toEqual({
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
    expect(p.shops.map((s) => [s.freight.subtotal.toString(), s.freight.deduction.toString()])).toEqual([
      ['0.00', '0.00'],
      ['10.00', '5.00'],
      ['6.00', '0.00'],
    ]);
    // P1: 800.00 − 32.52 coupon share − 6.51 points share = 760.97; × 0.119 = 90.5554 → 90.56 (one rounding per line).
    const milk = p.lines.find((l) => l.skuId === w.skus.p1)!;
    expect([milk.goodsPayable.toString(), milk.tax.toString(), milk.freight.toString()]).toEqual(['760.97', '90.56', '5.93']);
    expect(p.pricing.coupons.map((c) => [c.name, c.deduction.toString()])).toEqual([
      ['满500减50', '50.00'],
      ['B 运费券 5', '5.00'],
    ]);
    expect(p.crossBorder).toMatchObject({ transactionAmount: Money.of('766.90'), tax: { total: Money.of('90.56') } });
  });

  it('ORD-1/ORD-4: totals equal the sum of the per-line breakdown to the cent, and each child order the sum of its lines', () => {
    expectSumsHold(p);
  });

  it('totals equal the pricing engine, the freight quotes and the tax computed separately (PRM-3 order)', async () => {
    const cart = await w.zt.cart.view({ owner: { kind: 'member', id: 'm1' } });
    const viewLines = cart.shops.flatMap((s) => s.groups.flatMap((g) => g.lines));
    // Freight per shop on the goods after activities (CRT-1 figures), before coupons (decision 0013).
    let freight = Money.zero();
    for (const s of cart.shops) {
      const lines = viewLines
        .filter((l) => l.product!.shopId === s.shopId)
        .map((l) => ({
          skuId: l.skuId,
          quantity: l.quantity,
          amount: l.pricing!.payable.toString(),
        }));
      const q = await w.zt.freight.quote({ shopId: s.shopId, address: XIHU, lines });
      expect(p.shops.find((x) => x.shopId === s.shopId)!.freight.subtotal.toString()).toBe(q.subtotal.toString());
      freight = freight.add(q.subtotal);
    }
    const uow = w.zt.container.get<UnitOfWork>(TOKENS.UnitOfWork);
    const activities = await uow.run((tx) => servingActivities(tx, w.now));
    const lines: PricingLineInput[] = viewLines.map((l) => ({
      lineId: l.skuId,
      skuId: l.skuId,
      productId: l.product!.spuId,
      shopId: l.product!.shopId,
      selfRun: l.product!.selfRun,
      quantity: l.quantity,
      unitPrice: l.unitPrice!.toString(),
    }));
    const engine = priceOrder({
      now: w.now,
      member: { memberId: 'm1', isNew: true, channel: 'app' },
      lines,
      activities,
      coupons: await w.zt.coupons.forPricing({ memberId: 'm1', at: w.now }),
      points: { balance: 5000, use: 1000, ratio: { points: 100, amount: '1.00' }, maxPercent: '50' },
      freight: freight.toString(),
    });
    const milk = engine.lines.find((l) => l.skuId === w.skus.p1)!;
    const tax = crossBorderTax([{ price: milk.payable, consumptionRate: '0', vatRate: '0.17' }]).total;
    expect(p.totals.payable.toString()).toBe(engine.totals.payable.add(tax).toString());
    expect(p.totals.payable.toString()).toBe(
      engine.totals.goodsPayable.subtract(engine.totals.pointsAmount).add(freight).subtract(engine.totals.freightDeduction).add(tax).toString(),
    );
    expect([p.totals.freightDeduction, p.totals.couponDiscount, p.totals.activityDiscount].map(String)).toEqual(
      [engine.totals.freightDeduction, engine.totals.couponDiscount, engine.totals.activityDiscount].map(String),
    );
  });

  it('ORD-5: one child order per shop, then per warehouse (DSP-1): shop A splits between HZ (A1) and SH (A2)', () => {
    expect(p.childOrders.map((c) => [c.shopId, c.warehouseId, c.lines.map((l) => l.skuId), c.estimatedDeliveryDays])).toEqual([
      [w.brandA, w.warehouses.hz, [w.skus.a1], 1],
      [w.brandA, w.warehouses.sh, [w.skus.a2], 2],
      [w.brandB, w.warehouses.hz, [w.skus.b1], 1],
      ['platform', w.warehouses.hz, [w.skus.p1, w.skus.p2], 1],
    ]);
  });

  it('a chosen coupon must be the member’s and usable: another member’s is CHECKOUT.COUPON_NOT_FOUND, an unknown one too', async () => {
    await expect(w.zt.checkout.preview({ memberId: 'm1', address: XIHU, coupons: [w.coupons.others] })).rejects.toMatchObject({
      code: 'CHECKOUT.COUPON_NOT_FOUND',
      kind: 'not_found',
    });
    await expect(w.zt.checkout.preview({ memberId: 'm1', address: XIHU, coupons: ['nope'] })).rejects.toMatchObject({ code: 'CHECKOUT.COUPON_NOT_FOUND' });
  });

  it('CPN-1: a coupon below its threshold is CHECKOUT.COUPON_NOT_USABLE with the engine’s reason; "none" uses no coupon', async () => {
    const small = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow: { skuId: w.skus.p2, quantity: 1 }, coupons: 'none' });
    expect([small.pricing.coupons.length, small.totals.payable.toString()]).toEqual([0, '15.90']); // 9.90 + 6.00 shop fee
    await expect(
      w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow: { skuId: w.skus.p2, quantity: 1 }, coupons: [w.coupons.platform] }),
    ).rejects.toMatchObject({
      code: 'CHECKOUT.COUPON_NOT_USABLE',
      details: { reason: 'BELOW_THRESHOLD' },
    });
    // Shop B's shipping coupon on an order without shop B freight: not usable.
    await expect(
      w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow: { skuId: w.skus.p2, quantity: 1 }, coupons: [w.coupons.shipping] }),
    ).rejects.toMatchObject({ code: 'CHECKOUT.COUPON_NOT_USABLE' });
  });

  it('chosen coupons are the ones applied: only the shipping coupon → no goods coupon, 5.00 off shop B’s freight', async () => {
    const only = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, coupons: [w.coupons.shipping], crossBorder: MILK(w) });
    expect([only.totals.couponDiscount.toString(), only.totals.freightDeduction.toString()]).toEqual(['0.00', '5.00']);
    expectSumsHold(only);
  });

  it('spec §18: a cross-border transaction above 2,000.00 is blocked with CROSSBORDER.TRANSACTION_LIMIT; the same goods as domestic pass', async () => {
    const buyNow = { skuId: w.skus.p1, quantity: 6 };
    await expect(w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow, coupons: 'none', crossBorder: MILK(w) })).rejects.toMatchObject({
      code: 'CROSSBORDER.TRANSACTION_LIMIT',
      details: { amount: '2400.00' }, // 6 × 400.00, shipped free (over 999.00)
    });
    const domestic = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, buyNow, coupons: 'none' });
    expect([domestic.totals.payable.toString(), domestic.crossBorder]).toEqual(['2400.00', null]);
  });

  it('bad input: address without a region, nothing selected, unknown / unlisted SKU, quantity 0 or above the limit (cart codes)', async () => {
    const bad = (cmd: Partial<Parameters<CheckoutWorld['zt']['checkout']['preview']>[0]>) => w.zt.checkout.preview({ memberId: 'm1', address: XIHU, ...cmd });
    await expect(bad({ address: '330000' })).rejects.toMatchObject({ code: 'CHECKOUT.INVALID_ADDRESS' });
    await expect(bad({ address: '' })).rejects.toMatchObject({ code: 'CHECKOUT.INVALID_ADDRESS' });
    await expect(bad({ memberId: 'nobody' })).rejects.toMatchObject({ code: 'CHECKOUT.NOTHING_TO_BUY' });
    await expect(bad({ buyNow: { skuId: 'nope', quantity: 1 } })).rejects.toMatchObject({ code: 'CART.UNKNOWN_SKU', kind: 'not_found' });
    await expect(bad({ buyNow: { skuId: w.skus.u1, quantity: 1 } })).rejects.toMatchObject({ code: 'CART.SKU_NOT_LISTED' });
    await expect(bad({ buyNow: { skuId: w.skus.a1, quantity: 0 } })).rejects.toMatchObject({ code: 'CART.INVALID_QUANTITY' });
    await expect(bad({ buyNow: { skuId: w.skus.a1, quantity: 101 } })).rejects.toMatchObject({
      code: 'CART.QUANTITY_LIMIT',
      details: { max: 100, reason: 'stock' },
    });
    await expect(bad({ crossBorder: [{ skuId: 'nope', consumptionRate: '0', vatRate: '0.17' }] })).rejects.toMatchObject({
      code: 'CHECKOUT.UNKNOWN_CROSS_BORDER_LINE',
    });
  });

  it('the preview writes nothing: the cart keeps its version and the coupons their state', async () => {
    const before = await w.zt.cart.view({ owner: { kind: 'member', id: 'm1' } });
    await w.zt.checkout.preview({ memberId: 'm1', address: XIHU, points: 'max' });
    const after = await w.zt.cart.view({ owner: { kind: 'member', id: 'm1' } });
    expect(after.version).toBe(before.version);
    expect((await w.zt.coupons.listMemberCoupons({ memberId: 'm1' })).map((c) => c.state)).toEqual(['available', 'available']);
  });

  it('property: over random carts of the three shops the sums hold to the cent and the child orders partition the lines', async () => {
    const all = [w.skus.a1, w.skus.a2, w.skus.b1, w.skus.p1, w.skus.p2];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ i: fc.integer({ min: 0, max: 4 }), q: fc.integer({ min: 1, max: 4 }) }), {
          minLength: 1,
          maxLength: 5,
          selector: (x) => x.i,
        }),
        fc.constantFrom<'recommended' | 'none'>('recommended', 'none'),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }), fc.constant('max' as const)),
        fc.boolean(),
        async (lines, coupons, points, crossBorder) => {
          const owner = { kind: 'member' as const, id: `prop-${++n}` };
          for (const l of lines) await w.zt.cart.add({ owner, skuId: all[l.i]!, quantity: l.q });
          // Half the shoppers hold the platform 满500减50 and shop B's shipping coupon.
          if (n % 2 === 0) for (const templateId of [w.templates.platform, w.templates.shipping]) await w.zt.coupons.claim({ templateId, memberId: owner.id });
          const onlyMilk = crossBorder && lines.some((l) => l.i === 3) ? MILK(w) : [];
          const r = await w.zt.checkout.preview({ memberId: owner.id, address: XIHU, coupons, points, crossBorder: onlyMilk });
          expectSumsHold(r);
          expect(r.lines.map((l) => l.quantity).reduce((a, b) => a + b, 0)).toBe(lines.reduce((a, l) => a + l.q, 0));
        },
      ),
      { numRuns: 60 },
    );
  });
});
