/**
 * Properties of order amounts (ORD-1) and of the split into child orders (ORD-5, ORD-4), over
 * generated orders: lines of several shops with discounts up to the whole line, freight and a
 * shipping coupon up to the whole freight, and groups by shop and warehouse that may spread a line
 * over several children by quantity.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINE_DISCOUNTS, linePayable } from '../../../domain/ordering/amounts.js';
import { Order, type OrderLine } from '../../../domain/ordering/order.js';
import { splitOrder } from '../../../domain/ordering/split.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { Money } from '../../../domain/shared/money.js';
import { orderArb, splitCase } from './order-arbitraries.js';
import { at, COMMON, newOrder, T0 } from './order-mothers.js';

const RUNS = { numRuns: 1000 };
const cents = (n: number | bigint) => Money.fromMinor(n);
const minor = (x: Money) => Number(x.toMinor());

describe('ORD-1: order amounts (property)', () => {
  it('ORD-1: payable = goods total + freight − (activity + coupon + points + member) exactly, and never negative', () => {
    fc.assert(
      fc.property(orderArb, (o) => {
        const a = o.amounts;
        const discounts = a.activityDiscount.add(a.couponDiscount).add(a.pointsDeduction).add(a.memberDiscount);
        expect(a.payable.equals(a.goodsTotal.add(a.freight).subtract(discounts))).toBe(true);
        expect(a.payable.isNegative()).toBe(false);
        expect(a.payable.isWholeMinorUnits()).toBe(true);
        expect(
          a.payable.equals(
            Money.sum(o.lines.map((l) => linePayable(l.amounts)))
              .add(a.freight)
              .subtract(a.freightCouponDiscount),
          ),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('ORD-1: an order is accepted exactly when no line’s discounts exceed its goods and the shipping coupon does not exceed the freight', () => {
    const anyDiscounts = fc.record({
      unit: fc.integer({ min: 0, max: 10_000 }),
      quantity: fc.integer({ min: 1, max: 5 }),
      d: fc.tuple(fc.nat(20_000), fc.nat(20_000), fc.nat(20_000), fc.nat(20_000)),
      freight: fc.nat(2_000),
      coupon: fc.nat(3_000),
    });
    fc.assert(
      fc.property(anyDiscounts, ({ unit, quantity, d, freight, coupon }) => {
        const goods = unit * quantity;
        const amounts = {
          goods: cents(goods),
          activityDiscount: cents(d[0]),
          couponDiscount: cents(d[1]),
          pointsDeduction: cents(d[2]),
          memberDiscount: cents(d[3]),
        };
        const line: OrderLine = {
          lineId: 'L',
          skuId: 's',
          spuId: 'p',
          title: 't',
          specs: {},
          image: null,
          shopId: 'shop',
          quantity,
          unitPrice: cents(unit),
          amounts,
        };
        const valid = d[0] + d[1] + d[2] + d[3] <= goods && coupon <= freight;
        let placed: Order | null = null;
        try {
          placed = Order.place(newOrder({ lines: [line], freight: cents(freight), freightCouponDiscount: cents(coupon) }));
        } catch (e) {
          if (!isDomainError(e)) throw e;
          expect(e.code).toBe('ORDER.INVALID_AMOUNTS');
        }
        expect(placed !== null).toBe(valid);
        if (placed) expect(minor(placed.payable)).toBe(goods + freight - d[0] - d[1] - d[2] - d[3] - coupon);
      }),
      RUNS,
    );
  });
});

describe('ORD-5: splitting into child orders (property)', () => {
  it('ORD-5 / ORD-4: child amounts and line allocations sum exactly to the parent’s; lines and quantities add up; nothing goes negative', () => {
    fc.assert(
      fc.property(splitCase, ({ order, groups }) => {
        fc.pre(groups.length >= 2);
        const parent = order.toSnapshot();
        const pa = order.amounts;
        const { children } = splitOrder(order, groups, (i) => ({ id: `child-${i}`, number: `${parent.number}-${i + 1}` }), at(1));
        expect(children).toHaveLength(groups.length);
        expect(order.toSnapshot().childIds).toEqual(children.map((c) => c.id));

        // Order totals: every amount of ORD-1, and the payable, add up exactly.
        const keys = [
          'goodsTotal',
          'freight',
          'activityDiscount',
          'couponDiscount',
          'pointsDeduction',
          'memberDiscount',
          'freightCouponDiscount',
          'totalDiscount',
          'payable',
        ] as const;
        for (const k of keys) expect(Money.sum(children.map((c) => c.amounts[k])).equals(pa[k]), k).toBe(true);

        // Lines: per parent line, quantities and each amount add up; every child line is priced as unit × quantity.
        for (const pl of parent.lines) {
          const parts = children.flatMap((c) => c.lines.filter((l) => l.lineId === pl.lineId));
          expect(parts.reduce((n, l) => n + l.quantity, 0)).toBe(pl.quantity);
          for (const k of ['goods', ...LINE_DISCOUNTS] as const)
            expect(Money.sum(parts.map((l) => l.amounts[k])).equals(pl.amounts[k]), `${pl.lineId}.${k}`).toBe(true);
          for (const l of parts) {
            expect(l.amounts.goods.equals(l.unitPrice.multiply(l.quantity))).toBe(true);
            expect(linePayable(l.amounts).isNegative()).toBe(false);
            // ORD-4: the first discount is split by quantity (largest remainder): floor or ceiling of the exact share.
            const exact = (minor(pl.amounts.activityDiscount) * l.quantity) / pl.quantity;
            expect(Math.abs(minor(l.amounts.activityDiscount) - exact)).toBeLessThan(1);
          }
        }

        // Freight by goods total (largest remainder): floor or ceiling of each child's exact share.
        const goodsAll = minor(pa.goodsTotal);
        for (const c of children) {
          const exact = goodsAll === 0 ? minor(pa.freight) / children.length : (minor(pa.freight) * minor(c.amounts.goodsTotal)) / goodsAll;
          expect(Math.abs(minor(c.amounts.freight) - exact)).toBeLessThan(1);
          expect(c.amounts.freightCouponDiscount.greaterThan(c.amounts.freight)).toBe(false);
          expect(c.amounts.payable.isNegative()).toBe(false);
        }

        // Each child copies the common data, belongs to one shop, and is pending payment on its own.
        for (const [i, c] of children.entries()) {
          const s = c.toSnapshot();
          expect(s).toMatchObject({
            parentId: parent.id,
            common: COMMON,
            kind: parent.kind,
            payBy: parent.payBy,
            placedAt: T0,
            status: 'pending_payment',
            warehouseId: groups[i]!.warehouseId,
          });
          expect(new Set(s.lines.map((l) => l.shopId)).size).toBe(1);
          expect(s.shopId).toBe(s.lines[0]!.shopId);
          expect(c.pullEvents().map((e) => [e.type, e.payload.parentId])).toEqual([['order.placed', parent.id]]);
        }
      }),
      RUNS,
    );
  });
});
