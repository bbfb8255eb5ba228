import { minCents, money, sumCents, type Cents } from './amounts.js';
import type { CompiledActivity, CompiledRule, GiftTier } from './activity.js';
import { unitRuns, type PricingContext } from './context.js';
import type { Money } from '../shared/money.js';
import type { AddOnOffer, Benefit, UnmetThreshold } from './result.js';

// The add-on (加价购) and gift (赠品) stages of the set-level activities (PRM-3 step 3), run by `runActivity`.

type Rule<K extends CompiledRule['kind']> = Extract<CompiledRule, { kind: K }>;

/**
 * 加价购: the covered lines that are not listed SKUs must reach the threshold; then each listed SKU's
 * units, up to its max quantity (lines in order), cost the special price: the discount on a line is
 * units × (step-2 unit price − special price), never more than what is left of the line.
 */
export function addOnStage(
  ctx: PricingContext,
  a: CompiledActivity,
  members: readonly number[],
  amounts: readonly Cents[],
  r: Rule<'add_on'>,
  missingAmount: (missing: Cents, benefit: Benefit) => UnmetThreshold,
) {
  const cur = ctx.currency;
  const isItem = (li: number) => r.items.has(ctx.lines[li]!.skuId);
  const base = sumCents(members.filter((li) => !isItem(li)).map((li) => amounts[li]!));
  const weights = members.map(() => 0n);
  const skuIds = [...r.items.keys()].sort();
  if (base < r.threshold) {
    return { discount: 0n, weights, detail: 'not reached', addOn: null, unmet: missingAmount(r.threshold - base, { kind: 'add_on', skuIds }) };
  }
  const left = new Map([...r.items].map(([sku, i]) => [sku, i.maxQuantity]));
  members.forEach((li, k) => {
    const line = ctx.lines[li]!;
    const item = r.items.get(line.skuId);
    if (!item) return;
    const units = minCents(line.qty, left.get(line.skuId)!);
    left.set(line.skuId, left.get(line.skuId)! - units);
    // The line's priciest units take the add-on price (a purchase limit may have left some at the normal price).
    let take = units;
    let saving = 0n;
    for (const r of unitRuns(line, ctx.itemPrices[li]!)) {
      const t = minCents(r.qty, take);
      take -= t;
      if (r.unit > item.price) saving += t * (r.unit - item.price);
    }
    if (saving > 0n) weights[k] = minCents(amounts[li]!, saving);
  });
  const discount = sumCents(weights);
  const addOn: AddOnOffer = {
    activityId: a.id,
    items: skuIds.map((sku) => ({ skuId: sku, price: money(r.items.get(sku)!.price, cur), maxQuantity: Number(r.items.get(sku)!.maxQuantity) })),
  };
  return { discount, weights, detail: `threshold ${money(r.threshold, cur).toString()} reached`, addOn, unmet: null };
}

/**
 * 赠品: the highest tier reached grants its pool (times the repetitions when `repeat`); each gift at most
 * min(units × times, cap, stock); gifts with nothing left drop out; if no more gifts remain than the
 * shopper may pick, they are fixed gifts, else a pool with the pick count.
 */
export function giftStage(
  a: CompiledActivity,
  r: Rule<'gift'>,
  base: bigint,
  missingAmount: (missing: Cents, benefit: Benefit) => UnmetThreshold,
  missingUnits: (missing: bigint, benefit: Benefit) => UnmetThreshold,
  m: (c: Cents) => Money,
) {
  const benefitOf = (t: GiftTier): Benefit => ({ kind: 'gift', pick: t.pick, skuIds: t.gifts.map((g) => g.skuId) });
  const missing = (n: bigint, t: GiftTier) => (r.basis === 'amount' ? missingAmount(n, benefitOf(t)) : missingUnits(n, benefitOf(t)));
  const reached = r.tiers.filter((t) => t.threshold <= base).at(-1);
  const next = r.tiers.find((t) => t.threshold > base);
  let unmet = next ? missing(next.threshold - base, next) : null;
  if (!reached) return { gifts: null, detail: 'not reached', unmet };
  const times = r.repeat ? base / reached.threshold : 1n;
  if (r.repeat) unmet = missing((times + 1n) * reached.threshold - base, reached);
  const choices = reached.gifts
    .map((g) => {
      let q = g.quantity * times;
      if (g.cap !== null && g.cap < q) q = g.cap;
      if (g.stock < q) q = g.stock;
      return { skuId: g.skuId, quantity: Number(q) };
    })
    .filter((c) => c.quantity > 0);
  const pick = Math.min(reached.pick, choices.length);
  const gifts =
    choices.length === 0
      ? { fixed: [], pools: [] }
      : choices.length <= pick
        ? { fixed: choices.map((c) => ({ activityId: a.id, ...c })), pools: [] }
        : { fixed: [], pools: [{ activityId: a.id, pick, choices }] };
  const detail =
    choices.length === 0
      ? 'reached, gifts out of stock'
      : `tier ${r.basis === 'amount' ? m(reached.threshold).toString() : `${reached.threshold} items`}${r.repeat ? ` × ${times}` : ''}: pick ${pick} of ${choices.length}`;
  return { gifts, detail, unmet };
}
