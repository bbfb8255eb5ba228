/**
 * `quoteCheckout` (domain/checkout/quote.ts) as a property, on loaded inputs made up from scratch: lines
 * of two shops, activities and coupons of every kind (the pricing arbitraries), points, each shop's
 * freight in shop, mixed or per-item mode with templates, warehouses holding some of the stock, and
 * cross-border rates on some lines. The invariants are stated on the answer alone — sums, partitions,
 * signs — never by running the engine again (ORD-1, ORD-4, ORD-5, spec §18).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedCartLine } from '../../../domain/cart/index.js';
import {
  AMOUNT_KEYS,
  quoteCheckout,
  type CheckoutCoupon,
  type CheckoutInputs,
  type CheckoutPreview,
  type CheckoutQuoteOptions,
} from '../../../domain/checkout/index.js';
import type { DispatchCandidate } from '../../../domain/dispatch/index.js';
import type { ShopFreightRules } from '../../../domain/freight/index.js';
import type { Activity } from '../../../domain/pricing/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { formatUnits } from '../../support/arbitraries.js';
import { aWarehouse, candidate } from '../dispatch/dispatch-mothers.js';
import { aTemplate, rate, settings } from '../freight/freight-mothers.js';
import { activityArb, couponArb, SHOPS, SKUS } from '../pricing/pricing-arbitraries.js';
import { coupon, NOW } from '../pricing/pricing-mothers.js';

const XIHU = '330106';
const PRODUCT: Record<string, string> = { s1: 'p1', s2: 'p1', s3: 'p2', s4: 'p3' };
const CATEGORIES: Record<string, string[]> = { s1: ['c0', 'c1'], s2: ['c0', 'c1'], s3: ['c0', 'c2'], s4: ['c3'] };
const BRAND: Record<string, string | null> = { s1: 'b1', s2: 'b2', s3: 'b1', s4: null };
const money = (min: number, max: number) => fc.integer({ min, max }).map((c) => formatUnits(BigInt(c), 2));

/** A line bought, as the cart resolves it (listed, in stock, within its limit). */
function resolved(skuId: string, shopId: string, price: string, quantity: number, selfRun: boolean): ResolvedCartLine {
  return {
    line: { skuId, quantity, addedAt: NOW, selected: true, priceWhenAdded: null },
    product: {
      skuId,
      skuCode: skuId.toUpperCase(),
      spuId: PRODUCT[skuId]!,
      title: `Product ${skuId}`,
      specs: {},
      kind: 'standard',
      listed: true,
      salePrice: Money.of(price),
      marketPrice: null,
      categoryIds: CATEGORIES[skuId]!,
      brandId: BRAND[skuId]!,
      tags: [],
      purchaseLimit: null,
      shopId,
      selfRun,
    },
    availability: { sellable: 999, virtual: false },
    limit: { max: 999, reason: 'line' },
    invalid: null,
  };
}

/** A shop's freight: the shop template alone, FRT-1 mixed, or per-item templates only (each SKU maybe assigned one). */
const freightArb = (shopId: string): fc.Arbitrary<ShopFreightRules> =>
  fc
    .record({
      mode: fc.constantFrom('shop', 'mixed', 'per_item') as fc.Arbitrary<'shop' | 'mixed' | 'per_item'>,
      combination: fc.constantFrom('sum', 'max') as fc.Arbitrary<'sum' | 'max'>,
      fee: money(0, 2_000),
      freeOver: fc.option(money(0, 60_000)),
      first: money(0, 1_500),
      next: money(0, 500),
      overridesShop: fc.boolean(),
      assigned: fc.subarray([...SKUS]),
    })
    .map((f) => {
      const template = aTemplate(`t-${shopId}`, { shopId, chargeBy: 'piece', defaultRate: rate(1, f.first, 1, f.next), overridesShop: f.overridesShop });
      const shopTemplate = f.mode === 'per_item' ? null : { defaultRate: { fee: f.fee, freeOver: f.freeOver } };
      return {
        settings: settings({ mode: f.mode, combination: f.combination, shopTemplate }, shopId),
        assignments: Object.fromEntries(f.assigned.map((s) => [s, template.id])),
        templates: [template],
      };
    });

/** Zero to two warehouses serving Zhejiang, holding some units of some SKUs. */
const dispatchArb: fc.Arbitrary<DispatchCandidate[]> = fc
  .array(fc.dictionary(fc.constantFrom(...SKUS), fc.integer({ min: 0, max: 8 })), { maxLength: 2 })
  .map((stocks) => stocks.map((available, i) => candidate(aWarehouse(`w${i}`, { tier1: ['330000'], priority: i }), available)));

const caseArb = fc
  .record({
    lines: fc.uniqueArray(
      fc.record({
        sku: fc.constantFrom(...SKUS),
        shop: fc.constantFrom(...SHOPS),
        price: money(0, 80_000),
        quantity: fc.integer({ min: 1, max: 5 }),
        selfRun: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4, selector: (l) => l.sku },
    ),
    nActivities: fc.integer({ min: 0, max: 2 }),
    nCoupons: fc.integer({ min: 0, max: 3 }),
    couponChoice: fc.constantFrom('recommended', 'none') as fc.Arbitrary<'recommended' | 'none'>,
    points: fc.option(
      fc.record({ balance: fc.integer({ min: 1, max: 20_000 }), use: fc.oneof(fc.constant('max' as const), fc.integer({ min: 1, max: 20_000 })) }),
    ),
    freight: fc.tuple(freightArb(SHOPS[0]), freightArb(SHOPS[1])),
    dispatch: dispatchArb,
    crossBorder: fc.subarray([...SKUS]),
    vatRate: fc.constantFrom('0.13', '0.17'),
    paidThisYear: money(0, 2_500_000),
    isNew: fc.boolean(),
    /** A platform shipping coupon (运费券) besides the others, so that freight deductions are common. */
    shipping: fc.option(fc.record({ amount: fc.option(money(1, 2_000)), shopId: fc.option(fc.constantFrom(...SHOPS)) })),
  })
  .chain((c) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: c.nActivities }, (_, i) => activityArb(`a${i}`))),
        fc.tuple(...Array.from({ length: c.nCoupons }, (_, i) => couponArb(`c${i}`))),
        fc.subarray(Array.from({ length: c.nActivities }, (_, i) => `a${i}`)),
      )
      .map(([activities, coupons, limited]) => ({ ...c, activities: activities as Activity[], coupons, limited })),
  );

type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;

function inputsOf(c: Case): { inputs: CheckoutInputs; options: CheckoutQuoteOptions } {
  const lines = c.lines.map((l) => resolved(l.sku, l.shop, l.price, l.quantity, l.selfRun));
  const shipping =
    c.shipping &&
    coupon('ship', {
      kind: 'shipping',
      ...(c.shipping.amount ? { amount: c.shipping.amount } : {}),
      ...(c.shipping.shopId ? { issuer: { kind: 'shop', shopId: c.shipping.shopId }, scope: { kind: 'shop', ids: [c.shipping.shopId] } } : {}),
    });
  const coupons: CheckoutCoupon[] = [...c.coupons, ...(shipping ? [shipping] : [])].map((t) => ({ couponId: t.id, state: 'available', terms: t }));
  const bought = new Set(c.lines.map((l) => l.sku));
  const crossBorder = c.crossBorder.filter((s) => bought.has(s)).map((skuId) => ({ skuId, consumptionRate: '0', vatRate: c.vatRate }));
  return {
    inputs: {
      lines,
      activities: c.activities,
      purchaseLimits: [],
      limitedActivityIds: c.limited,
      isNewCustomer: c.isNew,
      coupons: c.couponChoice === 'none' ? null : coupons,
      points: c.points ? { balance: c.points.balance, ratio: { points: 100, amount: '1.00' }, maxPercent: '50' } : null,
      freight: new Map(SHOPS.map((s, i) => [s, c.freight[i]!])),
      dispatch: c.dispatch,
      crossBorderPaidThisYear: crossBorder.length > 0 ? Money.of(c.paidThisYear) : null,
    },
    options: {
      memberId: 'm1',
      address: XIHU,
      source: 'cart',
      coupons: c.couponChoice,
      ...(c.points ? { points: c.points.use } : {}),
      crossBorder,
    },
  };
}

const sum = (xs: readonly Money[]) => Money.sum(xs).toString();

/** The invariants of one quote, to the cent. */
function expectInvariants(p: CheckoutPreview, bought: readonly { sku: string; quantity: number }[]): void {
  // Every line bought is quoted once, with its quantity.
  expect(p.lines.map((l) => `${l.skuId}×${l.quantity}`).sort()).toEqual(bought.map((b) => `${b.sku}×${b.quantity}`).sort());
  for (const l of p.lines) {
    // ORD-4: a line's payable is its goods, its freight share less its deduction share, its tax; nothing negative.
    expect(l.payable.toString()).toBe(l.goodsPayable.add(l.freight).subtract(l.freightDeduction).add(l.tax).toString());
    for (const k of AMOUNT_KEYS) expect(l[k].isNegative(), `${l.lineId}.${k} ≥ 0`).toBe(false);
    expect(l.freightDeduction.greaterThan(l.freight), `${l.lineId}: deduction ≤ freight`).toBe(false);
    if (!l.crossBorder) expect(l.tax.isZero()).toBe(true);
  }
  for (const k of AMOUNT_KEYS) {
    // The totals are the lines', the shops' add up to them, and so do the child orders' (ORD-5).
    expect(p.totals[k].toString(), `totals.${k}`).toBe(sum(p.lines.map((l) => l[k])));
    expect(sum(p.shops.map((s) => s.amounts[k])), `shops ${k}`).toBe(p.totals[k].toString());
    expect(sum(p.childOrders.map((c) => c.amounts[k])), `children ${k}`).toBe(p.totals[k].toString());
    for (const c of p.childOrders) expect(c.amounts[k].toString(), `${c.key}.${k}`).toBe(sum(c.lines.map((l) => l.amounts[k])));
  }
  // Each shop's lines carry exactly its quote: freight, deduction, and what is paid for freight.
  for (const s of p.shops) {
    const ls = p.lines.filter((l) => l.shopId === s.shopId);
    expect(ls.map((l) => l.lineId).sort()).toEqual([...s.lineIds].sort());
    expect(sum(ls.map((l) => l.freight)), `${s.shopId} freight`).toBe(s.freight.subtotal.toString());
    expect(sum(ls.map((l) => l.freightDeduction)), `${s.shopId} deduction`).toBe(s.freight.deduction.toString());
    expect(sum(ls.map((l) => l.freight.subtract(l.freightDeduction))), `${s.shopId} freight payable`).toBe(s.freight.total.toString());
  }
  // ORD-5: the child orders partition the lines; a child holds one shop's lines, from one warehouse of its plan.
  expect(p.childOrders.flatMap((c) => c.lines.map((l) => `${l.lineId}×${l.quantity}`)).sort()).toEqual(p.lines.map((l) => `${l.lineId}×${l.quantity}`).sort());
  for (const c of p.childOrders) {
    const shop = p.shops.find((s) => s.shopId === c.shopId)!;
    for (const l of c.lines) expect(shop.lineIds).toContain(l.lineId);
    if (c.warehouseId !== null && shop.dispatch.available) {
      const skus = shop.dispatch.warehouses.find((w) => w.warehouseId === c.warehouseId)!.skuIds;
      for (const l of c.lines) expect(skus).toContain(l.skuId);
    }
  }
  // ORD-1: what the engine charges plus the tax is what the lines charge.
  expect(p.totals.payable.toString()).toBe(p.pricing.enginePayable.add(p.totals.tax).toString());
  // Spec §18: a quoted cross-border transaction is within both limits, its amount the cross-border lines' goods and freight paid.
  if (p.crossBorder) {
    const cb = p.lines.filter((l) => l.crossBorder);
    expect(p.crossBorder.transactionAmount.toString()).toBe(sum(cb.map((l) => l.goodsPayable.add(l.freight).subtract(l.freightDeduction))));
    expect(p.crossBorder.tax.total.toString()).toBe(sum(cb.map((l) => l.tax)));
    expect(p.crossBorder.transactionAmount.greaterThan(p.crossBorder.transactionLimit)).toBe(false);
    expect(p.crossBorder.paidThisYear.add(p.crossBorder.transactionAmount).greaterThan(p.crossBorder.yearlyLimit)).toBe(false);
  } else {
    expect(p.lines.some((l) => l.crossBorder)).toBe(false);
  }
}

describe('quoteCheckout (domain/checkout): invariants of the whole quote, on loaded inputs', () => {
  it('property: children and shops add up to the totals key by key, lines partition, freight shares add up to each shop’s quote, nothing negative — or a cross-border limit refuses', () => {
    let quoted = 0;
    let refused = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const { inputs, options } = inputsOf(c);
        let p: CheckoutPreview;
        try {
          p = quoteCheckout(inputs, options, NOW);
        } catch (e) {
          // Only the limits may refuse these inputs, and only when the transaction passes one of them.
          if (!isDomainError(e) || !['CROSSBORDER.TRANSACTION_LIMIT', 'CROSSBORDER.YEARLY_LIMIT'].includes(e.code)) throw e;
          const d = e.details as { amount: string; paidThisYear: string; limit: string };
          const amount = Money.of(d.amount);
          expect(amount.greaterThan(Money.of('2000.00')) || amount.add(Money.of(d.paidThisYear)).greaterThan(Money.of('20000.00'))).toBe(true);
          expect(d.paidThisYear).toBe(Money.of(c.paidThisYear).toString());
          refused++;
          return;
        }
        quoted++;
        expectInvariants(p, c.lines);
      }),
      { numRuns: 300 },
    );
    // Both outcomes occur.
    expect(quoted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });
});
