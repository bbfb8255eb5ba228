import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderAmounts } from '../../domain/ordering/amounts.js';
import { LINE_DISCOUNTS, linePayable } from '../../domain/ordering/amounts.js';
import type { Order } from '../../domain/ordering/order.js';
import { Money } from '../../domain/shared/money.js';
import { inTx } from '../adapters/contract/support.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';

/**
 * Properties of orders placed through the application (issue #6 acceptance, ORD-1, ORD-4, ORD-5): a
 * random cart across the three shops of the checkout world, with or without coupons (the world's
 * platform 满500减50 and shop B's shipping coupon, and a cash coupon of a random face — up to far more
 * than the order is worth) and points, is placed; then
 *
 * - ORD-1: payable = goods total + freight − (activity + coupon + points + member discounts), never
 *   negative, in whole cents, for the order, each child order and each line; the goods total is the
 *   catalog price × quantity, and the payable is the one the checkout page and the pricing engine showed;
 * - ORD-5 / ORD-4: the child orders' amounts add up to the parent's, key by key, to the cent; each
 *   parent line's quantity and every amount of its line breakdown add up over the child lines that
 *   carry it; each child is of one shop and copies the parent's common data;
 *
 * and cancelled again, which releases everything (no stock stays locked).
 */

const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };
const PRICES = { a1: '100.00', a2: '60.00', b1: '50.00', p1: '400.00', p2: '9.90' } as const;
type Sku = keyof typeof PRICES;
const ORDER_KEYS = [
  'goodsTotal',
  'freight',
  'activityDiscount',
  'couponDiscount',
  'pointsDeduction',
  'memberDiscount',
  'freightCouponDiscount',
  'totalDiscount',
  'payable',
] as const satisfies readonly (keyof OrderAmounts)[];
const LINE_KEYS = ['goods', ...LINE_DISCOUNTS] as const;

const scenario = fc.record({
  lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom<Sku>('a1', 'a2', 'b1', 'p1', 'p2'), quantity: fc.integer({ min: 1, max: 5 }) }), {
    selector: (l) => l.sku,
    minLength: 1,
    maxLength: 5,
  }),
  coupons: fc.constantFrom<'recommended' | 'none'>('recommended', 'recommended', 'none'),
  points: fc.option(fc.oneof(fc.constant<'max'>('max'), fc.integer({ min: 1, max: 60_000 })), { nil: undefined }),
  /** Coupons the member holds besides a cash coupon: the world's platform 满500减50 and shop B's shipping coupon. */
  platformCoupon: fc.boolean(),
  shippingCoupon: fc.boolean(),
  cash: fc.option(fc.constantFrom('0.01', '5.00', '33.33', '120.00', '99999.00'), { nil: undefined }),
});

/** ORD-1 on one set of amounts: the formula, never negative, whole cents. */
function expectOrd1(a: OrderAmounts, where: string): void {
  for (const k of ORDER_KEYS) expect(a[k].isWholeMinorUnits(), `${where}: ${k} ${a[k].toString()} in whole cents`).toBe(true);
  const discounts = a.activityDiscount.add(a.couponDiscount).add(a.pointsDeduction).add(a.memberDiscount);
  expect(a.totalDiscount.toString(), `${where}: total discount`).toBe(discounts.toString());
  expect(a.payable.toString(), `${where}: payable = goods + freight − discounts`).toBe(a.goodsTotal.add(a.freight).subtract(discounts).toString());
  expect(a.payable.isNegative(), `${where}: payable ${a.payable.toString()} is never negative`).toBe(false);
  expect(a.freightCouponDiscount.greaterThan(a.freight), `${where}: the shipping coupon takes at most the freight`).toBe(false);
}

describe('placed orders (ORD-1, ORD-4, ORD-5) — a random cart across the three shops', () => {
  let w: CheckoutWorld;
  let buyers = 0;
  beforeAll(async () => {
    w = await checkoutWorld();
  });

  it('amounts follow ORD-1 and child orders and line allocations add up exactly to the parent', async () => {
    const cash = new Map<string, string>();
    const cashTemplate = async (amount: string) => {
      if (!cash.has(amount)) {
        const t = await w.zt.coupons.createTemplate({
          name: `cash ${amount}`,
          kind: 'cash',
          amount,
          validity: { kind: 'relative', days: 30 },
          claimWindow: { startsAt: new Date(w.now.getTime() - 60_000), endsAt: new Date(w.now.getTime() + 86_400_000) },
          totalQuantity: 10_000,
        } as Parameters<typeof w.zt.coupons.createTemplate>[0]);
        cash.set(amount, t.id);
      }
      return cash.get(amount)!;
    };

    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // A new buyer per run: registered, with points, holding the coupons of the scenario.
        const memberId = `buyer-${++buyers}`;
        await w.zt.membership.register({ memberId });
        await w.zt.membership.adjustPoints({ memberId, delta: 100_000, operator: 'test', reason: 'points to spend' });
        const templates = [
          ...(s.platformCoupon ? [w.templates.platform] : []),
          ...(s.shippingCoupon ? [w.templates.shipping] : []),
          ...(s.cash ? [await cashTemplate(s.cash)] : []),
        ];
        for (const templateId of templates) await w.zt.coupons.claim({ templateId, memberId });
        for (const l of s.lines) await w.zt.cart.add({ owner: { kind: 'member', id: memberId }, skuId: w.skus[l.sku], quantity: l.quantity });

        const choice = { coupons: s.coupons, ...(s.points !== undefined ? { points: s.points } : {}) };
        const preview = await w.zt.checkout.preview({ memberId, address: XIHU, ...choice });
        const placed = await w.zt.orders.place({ memberId, consignee, ...choice, expectedPayable: preview.totals.payable.toString() });

        const { parent, children } = await inTx(w.zt.persistence, async (tx) => ({
          parent: (await tx.use(ORDERING_STORE).orders.get(placed.orderId))!,
          children: await tx.use(ORDERING_STORE).orders.children(placed.orderId),
        }));
        const a = parent.amounts;

        // ORD-1 for the order, against independent figures: catalog prices, the checkout page, the engine.
        expectOrd1(a, 'order');
        const goods = Money.sum(s.lines.map((l) => Money.of(PRICES[l.sku]).multiply(l.quantity)));
        expect(a.goodsTotal.toString(), 'goods total = Σ price × quantity').toBe(goods.toString());
        expect(a.payable.toString(), 'the payable the checkout page showed').toBe(preview.totals.payable.toString());
        expect(a.payable.toString(), "the pricing engine's payable").toBe(preview.pricing.enginePayable.toString());
        expect(placed.payable).toBe(a.payable.toString());
        for (const l of parent.lines) expect(linePayable(l.amounts).isNegative(), `line ${l.lineId} payable`).toBe(false);

        // ORD-5: split by shop (then warehouse) exactly when the checkout showed more than one child order.
        expect(children.map((c) => c.id)).toEqual(placed.children.map((c) => c.orderId));
        expect(children.length, 'split as the checkout page showed').toBe(preview.childOrders.length > 1 ? preview.childOrders.length : 0);
        if (children.length > 0) {
          for (const c of children) expectOrd1(c.amounts, `child ${c.number}`);
          for (const k of ORDER_KEYS) {
            expect(Money.sum(children.map((c) => c.amounts[k])).toString(), `Σ children ${k} = the order's`).toBe(a[k].toString());
          }
          expectLinesAddUp(parent, children);
          for (const c of children) {
            const snap = c.toSnapshot();
            expect(new Set(c.lines.map((l) => l.shopId)).size, `child ${c.number} is of one shop`).toBe(1);
            expect(snap.shopId).toBe(c.lines[0]!.shopId);
            expect(snap.common, 'a child copies the common data').toEqual(parent.toSnapshot().common);
            expect([snap.placedAt, snap.payBy, snap.parentId]).toEqual([parent.toSnapshot().placedAt, parent.toSnapshot().payBy, parent.id]);
          }
          expect(placed.children.map((c) => c.payable)).toEqual(children.map((c) => c.payable.toString()));
        }

        // Cancelled again: nothing stays locked.
        await w.zt.orders.cancel({ memberId, orderId: placed.orderId });
        for (const l of s.lines) expect((await w.zt.inventory.viewStock({ skuId: w.skus[l.sku] })).locked, `${l.sku} released`).toBe(0);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

/** ORD-4 / ORD-5: per parent line, the child lines carrying it add up to its quantity and to each amount of its breakdown. */
function expectLinesAddUp(parent: Order, children: readonly Order[]): void {
  const childLines = children.flatMap((c) => c.lines);
  for (const l of parent.lines) {
    const parts = childLines.filter((x) => x.lineId === l.lineId);
    expect(parts.length, `line ${l.lineId} goes to a child`).toBeGreaterThan(0);
    expect(
      parts.reduce((n, x) => n + x.quantity, 0),
      `line ${l.lineId}: quantities add up`,
    ).toBe(l.quantity);
    for (const k of LINE_KEYS) {
      expect(Money.sum(parts.map((x) => x.amounts[k])).toString(), `line ${l.lineId}: Σ ${k} of its parts`).toBe(l.amounts[k].toString());
    }
    for (const x of parts) expect(x.unitPrice.toString()).toBe(l.unitPrice.toString());
  }
  expect(childLines.length, 'no child line without a parent line').toBe(childLines.filter((x) => parent.lines.some((l) => l.lineId === x.lineId)).length);
}
