import { allocateCents, money, sumCents, type Cents } from './amounts.js';
import type { ActivityKind } from './activity.js';
import type { ActivityOutcome } from './activity-plan.js';
import type { PricingContext } from './context.js';
import { recommendCoupon } from './coupon.js';
import type { CouponOutcome, CouponView } from './coupon-plan.js';
import { pointsToUse } from './points.js';
import type { AppliedActivity, Benefit, CouponOption, LineDiscountShare, PricedLineResult, PricingResult, UnmetThreshold } from './result.js';
import { describeBenefit } from './set-activities.js';

/** A priced plan: steps 1–3 (activities), 4 and 6 (coupons), and its PRM-4 rank. */
export interface Evaluated {
  readonly act: ActivityOutcome;
  readonly views: readonly CouponView[];
  readonly cpn: CouponOutcome;
  readonly score: Score;
}

export interface Score {
  readonly payable: Cents;
  readonly gifts: number;
  readonly discounts: number;
  readonly prioritySum: number;
  readonly ids: readonly string[];
}

/**
 * Builds the result of a priced plan: coupon shares per line, points (step 5, allocated by what each
 * line still costs), totals, applied activities and coupons, gifts, unmet thresholds and CPN-1 options.
 */
export function assemble(ctx: PricingContext, ev: Evaluated): PricingResult {
  const { act, views, cpn, score } = ev;
  const cur = ctx.currency;
  const m = (c: Cents) => money(c, cur);
  const n = ctx.lines.length;

  // Step 4 shares per line, and what each line still costs after coupons.
  const couponShares: { index: number; amount: Cents }[][] = ctx.lines.map(() => []);
  const afterCoupons = [...act.amounts];
  for (const u of cpn.used) {
    u.lines.forEach((li, k) => {
      const s = u.shares[k]!;
      if (s === 0n) return;
      couponShares[li]!.push({ index: u.index, amount: s });
      afterCoupons[li] = afterCoupons[li]! - s;
    });
  }
  const goodsPayable = sumCents(afterCoupons);
  // Step 5: points, allocated over the lines by what they still cost.
  const points = ctx.points ? pointsToUse(ctx.points, goodsPayable) : { points: 0n, cents: 0n };
  const pointShares = allocateCents(points.cents, afterCoupons, cur);

  const lineResults: PricedLineResult[] = ctx.lines.map((l, li) => {
    const ip = ctx.itemPrices[li]!;
    const discounts: LineDiscountShare[] = [
      ...act.lineShares[li]!.map((s) => {
        const a = act.effects[s.effect]!.activity;
        return { source: 'activity' as const, id: a.id, kind: a.kind, amount: m(s.amount) };
      }),
      ...couponShares[li]!.map((s) => {
        const c = ctx.coupons[s.index]!;
        return { source: 'coupon' as const, id: c.id, kind: c.kind, amount: m(s.amount) };
      }),
    ];
    return {
      lineId: l.lineId,
      skuId: l.skuId,
      quantity: l.quantity,
      unitPrice: m(l.unit),
      normalAmount: m(l.normal),
      itemPriceActivityId: ip.activity?.id ?? null,
      activityUnitPrice: m(ip.unit),
      activityUnits: Number(ip.units),
      activityPriceAmount: m(ip.amount),
      discounts,
      pointsAmount: m(pointShares[li]!),
      payable: m(afterCoupons[li]! - pointShares[li]!),
    };
  });
  const lines = new Array<PricedLineResult>(n);
  ctx.lines.forEach((l, li) => {
    lines[l.inputIndex] = lineResults[li]!;
  });

  // Applied activities: price activities (step 2), then set-level ones that took effect (step 3).
  const byKind = new Map<ActivityKind, Cents>();
  const add = (k: ActivityKind, c: Cents) => byKind.set(k, (byKind.get(k) ?? 0n) + c);
  const priceActs = new Map<string, { lines: string[]; discount: Cents }>();
  ctx.lines.forEach((l, li) => {
    const ip = ctx.itemPrices[li]!;
    if (!ip.activity) return;
    const entry = priceActs.get(ip.activity.id) ?? { lines: [], discount: 0n };
    entry.lines.push(l.lineId);
    entry.discount += l.normal - ip.amount;
    priceActs.set(ip.activity.id, entry);
    add(ip.activity.kind, l.normal - ip.amount);
  });
  const priceActivityOf = (id: string) => ctx.itemPrices.find((p) => p.activity?.id === id)!.activity!;
  const activities: AppliedActivity[] = [...priceActs.keys()].sort().map((id) => {
    const a = priceActivityOf(id);
    const e = priceActs.get(id)!;
    return {
      id,
      name: a.name,
      kind: a.kind,
      family: a.family,
      stacking: a.exclusive ? 'exclusive' : 'shared',
      priority: a.priority,
      discount: m(e.discount),
      lineIds: e.lines,
      detail: `activity price on ${e.lines.length} line${e.lines.length === 1 ? '' : 's'}`,
    };
  });
  const applied = act.effects.filter((e) => e.applied).sort((x, y) => (x.activity.id < y.activity.id ? -1 : 1));
  for (const e of applied) {
    add(e.activity.kind, e.discount);
    activities.push({
      id: e.activity.id,
      name: e.activity.name,
      kind: e.activity.kind,
      family: e.activity.family,
      stacking: e.activity.exclusive ? 'exclusive' : 'shared',
      priority: e.activity.priority,
      discount: m(e.discount),
      lineIds: e.members.map((li) => ctx.lines[li]!.lineId),
      detail: e.detail,
    });
  }
  const kinds: ActivityKind[] = ['single_item', 'flash_sale', 'group_buy', 'multi_buy', 'bundle', 'full_reduction', 'full_discount', 'add_on', 'gift'];
  const discountsByKind = Object.fromEntries(kinds.map((k) => [k, m(byKind.get(k) ?? 0n)])) as Record<ActivityKind, ReturnType<typeof m>>;

  // Unmet thresholds: the next tier of every activity that had lines, then coupons short of their threshold.
  const effectsById = [...act.effects].sort((x, y) => (x.activity.id < y.activity.id ? -1 : 1));
  const unmetThresholds: UnmetThreshold[] = effectsById.flatMap((e) => (e.unmet ? [e.unmet] : []));
  const couponOptions: CouponOption[] = ctx.coupons.map((c, i) => {
    const v = views[i]!;
    const cashLike = c.kind === 'cash' || c.kind === 'random' || c.kind === 'threshold';
    if (v.rejection === 'BELOW_THRESHOLD') {
      const benefit: Benefit =
        c.kind === 'discount'
          ? { kind: 'percent_off', percent: c.percent!.toString(), cap: c.cap === null ? null : m(c.cap) }
          : { kind: 'amount_off', amount: m(c.kind === 'shipping' ? (c.face === null || c.face > ctx.freight ? ctx.freight : c.face) : c.face!) };
      const missing = c.threshold - v.base;
      unmetThresholds.push({
        source: 'coupon',
        id: c.id,
        kind: c.kind,
        missingAmount: m(missing),
        missingQuantity: null,
        benefit,
        message: `add ${m(missing).toString()} more to use coupon ${c.name} (${describeBenefit(benefit)})`,
      });
    }
    return {
      couponId: c.id,
      kind: c.kind,
      scope: c.scopeKind,
      usable: v.rejection === null,
      rejection: v.rejection,
      deduction: m(v.alone),
      exceedsPayable: v.rejection === null && cashLike && c.face! > v.base,
    };
  });
  const recommendedCouponId = recommendCoupon(
    ctx.coupons.flatMap((c, i) =>
      views[i]!.rejection === null ? [{ couponId: c.id, deduction: views[i]!.alone, scopeRank: c.scopeRank, priority: c.priority }] : [],
    ),
  );

  const subtotal = sumCents(ctx.lines.map((l) => l.normal));
  const itemAmount = sumCents(ctx.itemPrices.map((p) => p.amount));
  const afterActivities = sumCents(act.amounts);
  const exclusive = act.exclusive === null ? null : ctx.setActivities[act.exclusive]!.id;
  return {
    currency: cur,
    lines,
    totals: {
      subtotal: m(subtotal),
      itemPriceDiscount: m(subtotal - itemAmount),
      activityDiscount: m(itemAmount - afterActivities),
      discountsByKind,
      couponDiscount: m(cpn.goodsDeduction),
      goodsPayable: m(goodsPayable),
      pointsUsed: Number(points.points),
      pointsAmount: m(points.cents),
      freight: m(ctx.freight),
      freightDeduction: m(cpn.freightDeduction),
      payable: m(goodsPayable - points.cents + ctx.freight - cpn.freightDeduction),
    },
    activities,
    coupons: cpn.used.map((u) => {
      const c = ctx.coupons[u.index]!;
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        issuerShopId: c.shopId,
        deduction: m(u.deduction),
        lineIds: u.lines.map((li) => ctx.lines[li]!.lineId),
      };
    }),
    gifts: {
      fixed: applied.flatMap((e) => e.gifts?.fixed ?? []),
      pools: applied.flatMap((e) => e.gifts?.pools ?? []),
    },
    addOnOffers: effectsById.flatMap((e) => (e.addOn ? [e.addOn] : [])),
    unmetThresholds,
    couponOptions,
    recommendedCouponId,
    plan: { exclusiveActivityId: exclusive, couponIds: cpn.used.map((u) => ctx.coupons[u.index]!.id).sort() },
    score: {
      payableBeforePoints: m(score.payable),
      gifts: score.gifts,
      discounts: score.discounts,
      prioritySum: score.prioritySum,
      ids: score.ids,
    },
  };
}
