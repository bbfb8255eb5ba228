import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricingInput } from '../../../domain/pricing/context.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import type { PricingResult } from '../../../domain/pricing/result.js';
import { Money } from '../../../domain/shared/money.js';
import { pricingInputArb, shuffle } from './pricing-arbitraries.js';

const runs = { numRuns: 1000 };
const orders = pricingInputArb({ maxLines: 6, maxActivities: 6, maxCoupons: 4 });
const fen = (m: Money): bigint => m.toMinor();
const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/** Line amounts after set-level activities (step 3), by line id, read from the result. */
function afterActivities(r: PricingResult): Map<string, bigint> {
  return new Map(
    r.lines.map((l) => [l.lineId, fen(l.activityPriceAmount) - sum(l.discounts.filter((d) => d.source === 'activity').map((d) => fen(d.amount)))]),
  );
}

describe('pricing engine properties (1,000 runs each)', () => {
  it('payable ≥ 0 on every line and in total; ORD-1: payable = subtotal − discounts − points + freight − freight deduction', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        const t = r.totals;
        for (const l of r.lines) expect(fen(l.payable)).toBeGreaterThanOrEqual(0n);
        expect(fen(t.payable)).toBeGreaterThanOrEqual(0n);
        expect(fen(t.payable)).toBe(
          fen(t.subtotal) -
            fen(t.itemPriceDiscount) -
            fen(t.activityDiscount) -
            fen(t.couponDiscount) -
            fen(t.pointsAmount) +
            fen(t.freight) -
            fen(t.freightDeduction),
        );
        expect(fen(t.payable)).toBe(sum(r.lines.map((l) => fen(l.payable))) + fen(t.freight) - fen(t.freightDeduction));
        expect(fen(t.goodsPayable)).toBe(sum(r.lines.map((l) => fen(l.payable) + fen(l.pointsAmount))));
        for (const l of r.lines) {
          expect(fen(l.payable)).toBe(fen(l.activityPriceAmount) - sum(l.discounts.map((d) => fen(d.amount))) - fen(l.pointsAmount));
        }
      }),
      runs,
    );
  });

  it('no discount exceeds the amount it applies to, at every step of every line', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        const byId = new Map(r.lines.map((l) => [l.lineId, l]));
        for (const l of r.lines) {
          // walk the line in PRM-3 order: every share is positive and leaves a non-negative amount
          let left = fen(l.activityPriceAmount);
          expect(left).toBeLessThanOrEqual(fen(l.normalAmount));
          for (const d of l.discounts) {
            expect(fen(d.amount)).toBeGreaterThan(0n);
            left -= fen(d.amount);
            expect(left).toBeGreaterThanOrEqual(0n);
          }
          expect(fen(l.pointsAmount)).toBeLessThanOrEqual(left);
        }
        const after = afterActivities(r);
        for (const a of r.activities.filter((x) => x.family !== 'item_price')) {
          expect(fen(a.discount)).toBeLessThanOrEqual(sum(a.lineIds.map((id) => fen(byId.get(id)!.activityPriceAmount))));
        }
        for (const c of r.coupons.filter((x) => x.kind !== 'shipping')) {
          expect(fen(c.deduction)).toBeLessThanOrEqual(sum(c.lineIds.map((id) => after.get(id)!)));
        }
        expect(fen(r.totals.freightDeduction)).toBeLessThanOrEqual(fen(r.totals.freight));
        if (input.points) {
          const [whole, frac = ''] = String(input.points.maxPercent).split('.');
          const tenths = BigInt(whole!) * 10n + BigInt(`${frac}0`[0]!); // "33.3" → 333 tenths of a percent
          const cap = (fen(r.totals.goodsPayable) * tenths) / 1000n;
          expect(fen(r.totals.pointsAmount)).toBeLessThanOrEqual(cap);
          expect(r.totals.pointsUsed).toBeLessThanOrEqual(input.points.balance);
        } else expect(r.totals.pointsUsed).toBe(0);
      }),
      runs,
    );
  });

  it('ORD-4: allocated shares are whole cents and sum exactly to each activity, coupon and points amount', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        const shareOf = (id: string, source: 'activity' | 'coupon') =>
          sum(r.lines.flatMap((l) => l.discounts.filter((d) => d.id === id && d.source === source).map((d) => fen(d.amount))));
        for (const l of r.lines) for (const d of l.discounts) expect(d.amount.isWholeMinorUnits()).toBe(true);
        for (const a of r.activities) {
          if (a.family === 'item_price') {
            const lines = r.lines.filter((l) => l.itemPriceActivityId === a.id);
            expect(fen(a.discount)).toBe(sum(lines.map((l) => fen(l.normalAmount) - fen(l.activityPriceAmount))));
          } else expect(shareOf(a.id, 'activity')).toBe(fen(a.discount));
        }
        for (const c of r.coupons) expect(shareOf(c.id, 'coupon')).toBe(c.kind === 'shipping' ? 0n : fen(c.deduction));
        expect(sum(r.lines.map((l) => fen(l.pointsAmount)))).toBe(fen(r.totals.pointsAmount));
        expect(fen(r.totals.activityDiscount)).toBe(sum(r.activities.filter((a) => a.family !== 'item_price').map((a) => fen(a.discount))));
        expect(fen(r.totals.couponDiscount)).toBe(sum(r.coupons.filter((c) => c.kind !== 'shipping').map((c) => fen(c.deduction))));
        // no share names an activity or coupon that is not reported as applied
        const applied = new Set([...r.activities.map((a) => `activity:${a.id}`), ...r.coupons.map((c) => `coupon:${c.id}`)]);
        for (const l of r.lines) for (const d of l.discounts) expect(applied.has(`${d.source}:${d.id}`)).toBe(true);
      }),
      runs,
    );
  });

  it('the result does not depend on the order of lines, activities or coupons', () => {
    const canonical = (r: PricingResult) => JSON.stringify({ ...r, lines: [...r.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : 1)) });
    fc.assert(
      fc.property(orders, fc.integer(), (input, seed) => {
        const shuffled: PricingInput = {
          ...input,
          lines: shuffle(input.lines, seed),
          activities: shuffle(input.activities ?? [], seed + 1),
          coupons: shuffle(input.coupons ?? [], seed + 2),
        };
        const r = priceOrder(shuffled);
        expect(canonical(r)).toBe(canonical(priceOrder(input)));
        expect(r.lines.map((l) => l.lineId)).toEqual(shuffled.lines.map((l) => l.lineId)); // answered in the caller's order
      }),
      runs,
    );
  });

  it('PRM-1: the activity unit price is never above the normal price, and equals it without a price activity', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        for (const l of r.lines) {
          if (l.itemPriceActivityId === null) expect(l.activityUnitPrice.equals(l.unitPrice)).toBe(true);
          else expect(l.activityUnitPrice.lessThan(l.unitPrice)).toBe(true);
          // 限购: the activity's units at its price, the rest at the normal price.
          expect(fen(l.activityPriceAmount)).toBe(fen(l.activityUnitPrice) * BigInt(l.activityUnits) + fen(l.unitPrice) * BigInt(l.quantity - l.activityUnits));
          if (!input.purchaseLimits?.some((x) => x.activityId === l.itemPriceActivityId)) expect(l.activityUnits).toBe(l.quantity);
        }
      }),
      runs,
    );
  });

  it('限购 (PRM-3 step 2): a price activity prices at most the units the member has left over the whole order; a set-level one with none left does not apply', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        for (const { activityId, remaining } of input.purchaseLimits ?? []) {
          const units = r.lines.filter((l) => l.itemPriceActivityId === activityId).reduce((n, l) => n + l.activityUnits, 0);
          expect(units).toBeLessThanOrEqual(remaining);
          if (remaining === 0) expect(r.activities.map((a) => a.id)).not.toContain(activityId);
        }
        for (const l of r.lines) if (l.itemPriceActivityId !== null) expect(l.activityUnits).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('PRM-1: the price step takes the lowest configured price not above normal (independent recomputation for price lists)', () => {
    fc.assert(
      fc.property(orders, (input) => {
        const r = priceOrder(input);
        const now = input.now.getTime();
        for (const l of r.lines) {
          const inputLine = input.lines.find((x) => x.lineId === l.lineId)!;
          const candidates = (input.activities ?? []).flatMap((a) => {
            if (a.kind !== 'single_item' && a.kind !== 'flash_sale' && a.kind !== 'group_buy') return [];
            if (input.purchaseLimits?.some((x) => x.activityId === a.id)) return []; // 限购: may cover only some units, tested on its own
            if (!a.prices || (a.startsAt && a.startsAt.getTime() > now) || (a.endsAt && a.endsAt.getTime() <= now)) return [];
            if (a.channels && a.channels.length > 0 && !a.channels.includes(input.member.channel)) return [];
            if (a.audience && a.audience.kind !== 'all') return [];
            if (a.shopId && a.shopId !== inputLine.shopId) return [];
            if (a.scope && a.scope.kind !== 'all') return [];
            const p = a.prices.find((x) => x.skuId === inputLine.skuId);
            return p ? [fen(Money.of(p.price as string))] : [];
          });
          // activities with other scopes or audiences may also apply, so this is an upper bound
          const lowest = candidates.filter((c) => c < fen(l.unitPrice)).reduce((a, b) => (b < a ? b : a), fen(l.unitPrice));
          expect(fen(l.activityUnitPrice)).toBeLessThanOrEqual(lowest);
        }
      }),
      runs,
    );
  });
});
