import { allocateCents, minCents, type Cents } from './amounts.js';
import type { ActivityOutcome } from './activity-plan.js';
import type { PricingContext } from './context.js';
import { faceDeduction, planRejection, type CompiledCoupon, type CouponRejection } from './coupon.js';
import { PRICING_ERROR, pricingError } from './errors.js';

/** Each coupon judged on one activity plan: its base (scope lines after activities), usability, face value. */
export interface CouponView {
  /** Σ of the coupon's scope lines after activities: the threshold's base (PRM-3) and a discount's base. */
  readonly base: Cents;
  readonly rejection: CouponRejection | null;
  /** faceDeduction on that base (0 when not usable). */
  readonly face: Cents;
  /** What it would deduct alone: goods min(face, base); shipping min(face, freight). */
  readonly alone: Cents;
}

export function viewCoupons(ctx: PricingContext, act: ActivityOutcome): CouponView[] {
  return ctx.coupons.map((c, i) => {
    let base = 0n;
    for (const li of ctx.couponLines[i]!) base += act.amounts[li]!;
    const rejection = ctx.couponStatic[i] ?? planRejection(c, base);
    if (rejection) return { base, rejection, face: 0n, alone: 0n };
    const face = faceDeduction(c, base, ctx.freight, ctx.currency);
    return { base, rejection, face, alone: c.kind === 'shipping' ? face : minCents(face, base) };
  });
}

/** The slot a coupon fills (PRM-4 / CPN-1): one platform goods coupon, one per shop, one shipping coupon. */
const slotOf = (c: CompiledCoupon): string => (c.kind === 'shipping' ? 'shipping' : c.shopId === null ? 'platform' : `shop:${c.shopId}`);

export interface CouponOutcome {
  /** Coupon indexes used, in the order they applied (platform goods, shop goods by shop, shipping). */
  readonly used: readonly { readonly index: number; readonly deduction: Cents; readonly lines: readonly number[]; readonly shares: readonly Cents[] }[];
  readonly goodsDeduction: Cents;
  readonly freightDeduction: Cents;
}

/**
 * PRM-3 step 4 with the given coupons, after checking they are an allowed combination (else
 * `PRICING.PLAN_NOT_ALLOWED`). Coupon rule: every coupon usable (CPN-1: time, channel, scope,
 * threshold on its scope after activities); at most one platform-issued goods coupon, at most one
 * shop-issued goods coupon per shop, at most one shipping coupon; an exclusive coupon is alone.
 * Order: the platform coupon first, over its scope lines in proportion to their amounts; then each shop
 * coupon over what is left of its lines; each takes at most what is left; the shipping coupon last,
 * on the freight (step 6).
 */
export function applyCoupons(ctx: PricingContext, act: ActivityOutcome, views: readonly CouponView[], indexes: readonly number[]): CouponOutcome {
  const notAllowed = (reason: string, details: Record<string, unknown>) =>
    pricingError(PRICING_ERROR.PLAN_NOT_ALLOWED, reason, `coupon plan not allowed (${reason})`, details);
  const slots = new Set<string>();
  for (const i of indexes) {
    const c = ctx.coupons[i]!;
    if (views[i]!.rejection) throw notAllowed('COUPON_NOT_USABLE', { couponId: c.id, rejection: views[i]!.rejection });
    if (c.exclusive && indexes.length > 1) throw notAllowed('EXCLUSIVE_COUPON_NOT_ALONE', { couponId: c.id });
    if (slots.has(slotOf(c))) throw notAllowed('SLOT_TAKEN', { couponId: c.id, slot: slotOf(c) });
    slots.add(slotOf(c));
  }
  const rank = (i: number) => {
    const s = slotOf(ctx.coupons[i]!);
    return s === 'platform' ? '0' : s === 'shipping' ? '2' : `1${s}`;
  };
  const ordered = [...indexes].sort((x, y) => (rank(x) < rank(y) ? -1 : rank(x) > rank(y) ? 1 : 0));
  const left = [...act.amounts];
  const used: CouponOutcome['used'][number][] = [];
  let goodsDeduction = 0n;
  let freightDeduction = 0n;
  for (const i of ordered) {
    const c = ctx.coupons[i]!;
    if (c.kind === 'shipping') {
      freightDeduction = views[i]!.face;
      used.push({ index: i, deduction: freightDeduction, lines: [], shares: [] });
      continue;
    }
    const lines = ctx.couponLines[i]!;
    const weights = lines.map((li) => left[li]!);
    let room = 0n;
    for (const w of weights) room += w;
    const deduction = minCents(views[i]!.face, room);
    const shares = allocateCents(deduction, weights, ctx.currency, ctx.allocations);
    lines.forEach((li, k) => {
      left[li] = left[li]! - shares[k]!;
    });
    goodsDeduction += deduction;
    used.push({ index: i, deduction, lines, shares });
  }
  return { used, goodsDeduction, freightDeduction };
}

/** A candidate coupon combination and what ranks it (PRM-4: the most off, fewest, highest priority, ids). */
export interface CouponChoice {
  readonly indexes: number[];
  /** Goods and freight deductions together: what the combination takes off the payable. */
  readonly deduction: Cents;
  readonly priority: number;
  readonly ids: string[];
}

function better(a: CouponChoice, b: CouponChoice): boolean {
  if (a.deduction !== b.deduction) return a.deduction > b.deduction;
  if (a.indexes.length !== b.indexes.length) return a.indexes.length < b.indexes.length;
  if (a.priority !== b.priority) return a.priority > b.priority;
  for (let k = 0; k < a.ids.length; k++) if (a.ids[k] !== b.ids[k]) return a.ids[k]! < b.ids[k]!;
  return false;
}

/**
 * The best allowed coupon combination for one activity plan, in polynomial time — O(C log C + P·S)
 * coupon steps for C coupons, P platform coupons and S shops with coupons, plus one allocation per
 * platform coupon whose share may clamp a shop coupon. Exact over the rule of `applyCoupons`:
 *
 * - an exclusive coupon stands alone: each is one candidate;
 * - otherwise fix the platform coupon p (or none): its deduction min(face, base) does not depend on the
 *   others, since bases are amounts after activities. Shops have disjoint lines, and a shop coupon's
 *   deduction min(face, what p left on its lines) depends only on p and itself, so each shop's best
 *   coupon given p is chosen on its own, and the shipping coupon (on the freight) on its own too.
 *   Ranking a combination is lexicographic on sums (deduction, count, priority) and on the sorted ids,
 *   all of which the per-shop choices improve independently, so per-shop bests make the best
 *   combination for p; the best p (or exclusive coupon) is then found by comparing them all.
 * Within a shop, coupons are scanned by what they deduct alone (descending): once that upper bound falls
 * below the best found, no later coupon can win.
 */
export function bestCoupons(ctx: PricingContext, act: ActivityOutcome, views: readonly CouponView[]): CouponChoice {
  const id = (i: number) => `coupon:${ctx.coupons[i]!.id}`;
  const usable = ctx.coupons.flatMap((_, i) => (views[i]!.rejection === null && views[i]!.alone > 0n ? [i] : []));
  const rankAlone = (x: number, y: number) => {
    const ax = views[x]!.alone;
    const ay = views[y]!.alone;
    if (ax !== ay) return ax > ay ? -1 : 1;
    const px = ctx.coupons[x]!.priority;
    const py = ctx.coupons[y]!.priority;
    if (px !== py) return py - px;
    return id(x) < id(y) ? -1 : 1;
  };
  let best: CouponChoice = { indexes: [], deduction: 0n, priority: 0, ids: [] };
  const consider = (indexes: number[], deduction: Cents) => {
    const choice: CouponChoice = {
      indexes,
      deduction,
      priority: indexes.reduce((s, i) => s + ctx.coupons[i]!.priority, 0),
      ids: indexes.map(id).sort(),
    };
    if (better(choice, best)) best = choice;
  };

  for (const i of usable) if (ctx.coupons[i]!.exclusive) consider([i], views[i]!.alone);

  const shared = usable.filter((i) => !ctx.coupons[i]!.exclusive).sort(rankAlone);
  const shipping = shared.find((i) => ctx.coupons[i]!.kind === 'shipping');
  const platform = shared.filter((i) => ctx.coupons[i]!.kind !== 'shipping' && ctx.coupons[i]!.shopId === null);
  const shops = new Map<string, number[]>();
  for (const i of shared) {
    const c = ctx.coupons[i]!;
    if (c.kind !== 'shipping' && c.shopId !== null) {
      const list = shops.get(c.shopId);
      if (list) list.push(i);
      else shops.set(c.shopId, [i]);
    }
  }

  for (const p of [null, ...platform]) {
    const dp = p === null ? 0n : views[p]!.alone;
    let pShares: Cents[] | null = null;
    const platformShareOn = (lines: readonly number[]): Cents => {
      if (pShares === null) {
        pShares = ctx.lines.map(() => 0n);
        const pl = ctx.couponLines[p!]!;
        allocateCents(
          dp,
          pl.map((li) => act.amounts[li]!),
          ctx.currency,
          ctx.allocations,
        ).forEach((s, k) => {
          pShares![pl[k]!] = s;
        });
      }
      let s = 0n;
      for (const li of lines) s += pShares[li]!;
      return s;
    };
    const indexes: number[] = p === null ? [] : [p];
    let deduction = dp;
    for (const list of shops.values()) {
      let pick: number | null = null;
      let pickDeduction = 0n;
      for (const i of list) {
        const v = views[i]!;
        if (pick !== null && v.alone < pickDeduction) break;
        // What is left of the coupon's lines after p; p's share needs computing only if it could clamp.
        const d = p === null || v.face <= v.base - dp ? v.alone : minCents(v.face, v.base - platformShareOn(ctx.couponLines[i]!));
        if (d <= 0n) continue;
        const c = ctx.coupons[i]!;
        const q = pick === null ? null : ctx.coupons[pick]!;
        if (q === null || d > pickDeduction || (d === pickDeduction && (c.priority > q.priority || (c.priority === q.priority && c.id < q.id)))) {
          pick = i;
          pickDeduction = d;
        }
      }
      if (pick !== null) {
        indexes.push(pick);
        deduction += pickDeduction;
      }
    }
    if (shipping !== undefined) {
      indexes.push(shipping);
      deduction += views[shipping]!.alone;
    }
    consider(indexes, deduction);
  }
  return best;
}
