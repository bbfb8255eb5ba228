import { allocateCents, minCents, money, roundedDiscount, sumCents, type Cents } from './amounts.js';
import type { CompiledActivity, CompiledRule } from './activity.js';
import { unitRuns, type PricingContext } from './context.js';
import type { Money } from '../shared/money.js';
import type { AddOnOffer, Benefit, GiftGrant, GiftPool, UnmetThreshold } from './result.js';
import { addOnStage, giftStage } from './set-stages.js';

/** What one set-level activity did to the lines that took part (PRM-3 step 3). */
export interface ActivityEffect {
  readonly index: number;
  readonly activity: CompiledActivity;
  /** The lines that took part (line indexes, ascending). */
  readonly members: readonly number[];
  /** The discount, fixed (rounded at most once) before it was allocated; 0 for gifts. */
  readonly discount: Cents;
  /** `discount` allocated over `members` (ORD-4); sums exactly to `discount`. */
  readonly shares: readonly Cents[];
  /** Took effect: a discount above zero, or a gift granted. */
  readonly applied: boolean;
  readonly detail: string;
  readonly gifts: { readonly fixed: readonly GiftGrant[]; readonly pools: readonly GiftPool[] } | null;
  readonly addOn: AddOnOffer | null;
  readonly unmet: UnmetThreshold | null;
}

type Rule<K extends CompiledRule['kind']> = Extract<CompiledRule, { kind: K }>;

/**
 * Runs activity `index` of the context over `members`, reading the line amounts the earlier families
 * left in `amounts` (PRM-3 step 3 runs the families group → reduction → add-on → gift). The discount is
 * allocated over the members in proportion to the amounts that earned it, with the shared `allocate`.
 */
export function runActivity(ctx: PricingContext, index: number, members: readonly number[], amounts: readonly Cents[]): ActivityEffect {
  const a = ctx.setActivities[index]!;
  const cur = ctx.currency;
  const m = (c: Cents) => money(c, cur);
  const base = sumCents(members.map((i) => amounts[i]!));
  const units = members.reduce((s, i) => s + ctx.lines[i]!.qty, 0n);
  let discount = 0n;
  let weights: Cents[] = members.map((i) => amounts[i]!);
  let detail = 'not reached';
  let unmet: UnmetThreshold | null = null;
  let gifts: ActivityEffect['gifts'] = null;
  let addOn: AddOnOffer | null = null;

  const missingAmount = (missing: Cents, benefit: Benefit): UnmetThreshold => ({
    source: 'activity',
    id: a.id,
    kind: a.kind,
    missingAmount: m(missing),
    missingQuantity: null,
    benefit,
    message: `add ${m(missing).toString()} more for ${describeBenefit(benefit)}`,
  });
  const missingUnits = (missing: bigint, benefit: Benefit): UnmetThreshold => ({
    source: 'activity',
    id: a.id,
    kind: a.kind,
    missingAmount: null,
    missingQuantity: Number(missing),
    benefit,
    message: `add ${missing} more item${missing === 1n ? '' : 's'} for ${describeBenefit(benefit)}`,
  });

  const r = a.rule;
  switch (r.kind) {
    case 'full_reduction': {
      if (r.mode === 'tiered') {
        const reached = r.tiers.filter((t) => t.threshold <= base).at(-1);
        const next = r.tiers.find((t) => t.threshold > base);
        if (reached) {
          discount = reached.off;
          detail = `tier ${m(reached.threshold).toString()}: ${m(reached.off).toString()} off`;
        }
        if (next) unmet = missingAmount(next.threshold - base, { kind: 'amount_off', amount: m(next.off) });
      } else {
        const n = base / r.every;
        const raw = n * r.off;
        discount = r.cap === null ? raw : minCents(raw, r.cap);
        if (n > 0n) detail = `${n} × ${m(r.every).toString()}: ${m(discount).toString()} off${discount < raw ? ' (capped)' : ''}`;
        if (r.cap === null || raw < r.cap) {
          const nextOff = r.cap === null ? (n + 1n) * r.off : minCents((n + 1n) * r.off, r.cap);
          unmet = missingAmount((n + 1n) * r.every - base, { kind: 'amount_off', amount: m(nextOff) });
        }
      }
      break;
    }
    case 'full_discount': {
      const reached = r.tiers.filter((t) => t.threshold <= base).at(-1);
      const next = r.tiers.find((t) => t.threshold > base);
      if (reached) {
        const raw = roundedDiscount(base, reached.rate, cur);
        discount = reached.cap === null ? raw : minCents(raw, reached.cap);
        detail = `tier ${m(reached.threshold).toString()}: ${reached.percent.toString()}% off = ${m(discount).toString()}${discount < raw ? ' (capped)' : ''}`;
      }
      if (next) {
        unmet = missingAmount(next.threshold - base, {
          kind: 'percent_off',
          percent: next.percent.toString(),
          cap: next.cap === null ? null : m(next.cap),
        });
      }
      break;
    }
    case 'multi_buy': {
      if (r.mode === 'n_at_percent_off') {
        const reached = r.tiers.filter((t) => t.count <= units).at(-1);
        const next = r.tiers.find((t) => t.count > units);
        if (reached) {
          discount = roundedDiscount(base, reached.rate, cur);
          detail = `${units} items: ${reached.percent.toString()}% off = ${m(discount).toString()}`;
        }
        if (next) unmet = missingUnits(next.count - units, { kind: 'percent_off', percent: next.percent.toString(), cap: null });
      } else {
        const ladder = new UnitLadder(ctx, members);
        const most = units / r.count;
        const groups = bestCount(most, (g) => ladder.top(g * r.count) - ladder.top((g - 1n) * r.count) > r.price);
        discount = ladder.top(groups * r.count) - groups * r.price;
        weights = ladder.taken(groups * r.count);
        if (groups > 0n) detail = `${groups} group${groups === 1n ? '' : 's'} of ${r.count} for ${m(r.price).toString()}`;
        if (groups === most) unmet = missingUnits((most + 1n) * r.count - units, { kind: 'group_price', count: Number(r.count), price: m(r.price) });
      }
      break;
    }
    case 'bundle':
      ({ discount, weights, detail } = bundle(ctx, members, r, m));
      break;
    case 'add_on':
      ({ discount, weights, detail, addOn, unmet } = addOnStage(ctx, a, members, amounts, r, missingAmount));
      break;
    case 'gift':
      ({ gifts, detail, unmet } = giftStage(a, r, r.basis === 'amount' ? base : units, missingAmount, missingUnits, m));
      weights = members.map(() => 0n);
      break;
    default:
      throw new Error(`not a set-level activity: ${a.kind}`);
  }
  const shares = allocateCents(discount, weights, cur, ctx.allocations);
  const granted = gifts !== null && (gifts.fixed.length > 0 || gifts.pools.length > 0);
  return { index, activity: a, members, discount, shares, applied: discount > 0n || granted, detail, gifts, addOn, unmet };
}

/** The largest g in [0, most] with `positive(g)` for all 1..g, given that `positive` only turns false once. */
function bestCount(most: bigint, positive: (g: bigint) => boolean): bigint {
  let lo = 0n;
  let hi = most;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (positive(mid)) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/**
 * The units of some lines, priciest first (ties → line order), at their step-2 prices: the group family
 * runs first in step 3, so a line's amount there is what step 2 left. A line whose price activity a
 * purchase limit held to fewer units has two runs of units: the normal-priced rest and the activity's.
 */
class UnitLadder {
  private readonly runs: { k: number; qty: bigint; unit: Cents }[] = [];
  private readonly counts: bigint[] = [0n];
  private readonly sums: bigint[] = [0n];
  constructor(
    ctx: PricingContext,
    private readonly members: readonly number[],
  ) {
    members.forEach((li, k) => {
      for (const r of unitRuns(ctx.lines[li]!, ctx.itemPrices[li]!)) this.runs.push({ k, ...r });
    });
    // Stable: equal prices keep line order (and a line's own runs their order).
    this.runs.sort((x, y) => (y.unit > x.unit ? 1 : y.unit < x.unit ? -1 : x.k - y.k));
    for (const r of this.runs) {
      this.counts.push(this.counts.at(-1)! + r.qty);
      this.sums.push(this.sums.at(-1)! + r.qty * r.unit);
    }
  }
  /** Σ of the `n` priciest units. */
  top(n: bigint): Cents {
    let lo = 0;
    let hi = this.runs.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.counts[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    if (lo === this.runs.length) return this.sums[lo]!;
    return this.sums[lo]! + (n - this.counts[lo]!) * this.runs[lo]!.unit;
  }
  /** Per member (in `members` order), the amount of its units among the `n` priciest. */
  taken(n: bigint): Cents[] {
    const out = this.members.map(() => 0n);
    let left = n;
    for (const r of this.runs) {
      if (left === 0n) break;
      const t = r.qty < left ? r.qty : left;
      out[r.k] = out[r.k]! + t * r.unit;
      left -= t;
    }
    return out;
  }
}

function bundle(ctx: PricingContext, members: readonly number[], r: Rule<'bundle'>, m: (c: Cents) => Money) {
  const parts = r.items.map((item) => {
    const ks = members.flatMap((li, k) => (ctx.lines[li]!.skuId === item.skuId ? [k] : []));
    return {
      item,
      ks,
      ladder: new UnitLadder(
        ctx,
        ks.map((k) => members[k]!),
      ),
    };
  });
  let most: bigint | null = null;
  for (const p of parts) {
    const have = p.ks.reduce((s, k) => s + ctx.lines[members[k]!]!.qty, 0n) / p.item.quantity;
    most = most === null || have < most ? have : most;
  }
  const top = (sets: bigint) => parts.reduce((s, p) => s + p.ladder.top(sets * p.item.quantity), 0n);
  const sets = bestCount(most ?? 0n, (g) => top(g) - top(g - 1n) > r.price);
  const weights = members.map(() => 0n);
  for (const p of parts) {
    p.ladder.taken(sets * p.item.quantity).forEach((w, j) => {
      weights[p.ks[j]!] = w;
    });
  }
  const discount = top(sets) - sets * r.price;
  return { discount, weights, detail: sets > 0n ? `${sets} set${sets === 1n ? '' : 's'} for ${m(r.price).toString()} each` : 'not reached' };
}

export function describeBenefit(b: Benefit): string {
  switch (b.kind) {
    case 'amount_off':
      return `${b.amount.toString()} off`;
    case 'percent_off':
      return `${b.percent}% off${b.cap ? ` (up to ${b.cap.toString()})` : ''}`;
    case 'group_price':
      return `${b.count} for ${b.price.toString()}`;
    case 'gift':
      return `a gift (pick ${b.pick} of ${b.skuIds.join(', ')})`;
    case 'add_on':
      return `add-on prices on ${b.skuIds.join(', ')}`;
  }
}
