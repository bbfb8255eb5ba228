import type { DomainError } from '../shared/domain-error.js';
import { centsOf, isWhole, rateOfPercent, type AmountInput } from './amounts.js';
import { PRICING_ERROR, pricingError } from './errors.js';
import { scopePredicate, validateAudience, validateChannels, validateScope, validateWindow, type ScopedLine } from './scope.js';
import { FAMILY_OF, type Activity, type ActivityKind, type CompiledActivity, type CompiledRule, type GiftTier, type RateTier } from './activity-types.js';

export * from './activity-types.js';

const KINDS = Object.keys(FAMILY_OF) as ActivityKind[];

/** Validates an activity and compiles it; malformed rules are `PRICING.INVALID_RULE` with the reason. */
export function compileActivity(a: Activity, currency: string): CompiledActivity {
  const fail = (field: string) => (reason: string) =>
    pricingError(PRICING_ERROR.INVALID_RULE, reason, `activity ${JSON.stringify(a?.id)}: invalid ${field} (${reason})`, {
      activityId: a?.id,
      field,
    });
  if (typeof a?.id !== 'string' || a.id === '') throw fail('id')('MISSING');
  if (!KINDS.includes(a.kind)) throw fail('kind')('UNKNOWN_KIND');
  const priority = a.priority ?? 0;
  if (!Number.isSafeInteger(priority)) throw fail('priority')('NOT_AN_INTEGER');
  const stacking = a.stacking ?? 'shared';
  if (stacking !== 'shared' && stacking !== 'exclusive') throw fail('stacking')('UNKNOWN_STACKING');
  if (a.shopId !== undefined && (typeof a.shopId !== 'string' || a.shopId === '')) throw fail('shopId')('MISSING');
  validateScope(a.scope, fail('scope'));
  validateAudience(a.audience, fail('audience'));
  validateChannels(a.channels, fail('channels'));
  validateWindow(a.startsAt, a.endsAt, fail('window'));

  const rule = compileRule(a, currency, fail);
  const inScope = scopePredicate(a.scope);
  const inShop = a.shopId === undefined ? () => true : (l: ScopedLine) => l.shopId === a.shopId;
  let covers: (l: ScopedLine) => boolean = (l) => inShop(l) && inScope(l);
  if (rule.kind === 'bundle') {
    const skus = new Set(rule.items.map((i) => i.skuId));
    covers = (l) => inShop(l) && inScope(l) && skus.has(l.skuId);
  } else if (rule.kind === 'add_on') {
    const items = rule.items;
    covers = (l) => inShop(l) && (inScope(l) || items.has(l.skuId));
  } else if (rule.kind === 'single_item' || rule.kind === 'flash_sale' || rule.kind === 'group_buy') {
    const prices = rule.prices;
    if (prices) covers = (l) => inShop(l) && inScope(l) && prices.has(l.skuId);
  }
  return {
    id: a.id,
    name: a.name ?? a.id,
    kind: a.kind,
    family: FAMILY_OF[a.kind],
    priority,
    exclusive: stacking === 'exclusive',
    source: a,
    rule,
    covers,
  };
}

type Fail = (field: string) => (reason: string) => DomainError;

function compileRule(a: Activity, currency: string, fail: Fail): CompiledRule {
  const cents = (v: AmountInput, field: string) => centsOf(v, currency, fail(field));
  const list = <T>(xs: readonly T[] | undefined, field: string): readonly T[] => {
    if (!Array.isArray(xs) || xs.length === 0) throw fail(field)('EMPTY');
    return xs;
  };
  const whole = (n: number, min: number, field: string): bigint => {
    if (!isWhole(n, min)) throw fail(field)('NOT_A_WHOLE_NUMBER');
    return BigInt(n);
  };
  const distinct = (skus: readonly string[], field: string) => {
    if (skus.some((s) => typeof s !== 'string' || s === '')) throw fail(field)('MISSING');
    if (new Set(skus).size !== skus.length) throw fail(field)('DUPLICATE_SKU');
  };
  /** Thresholds strictly increasing (no two tiers overlap) and, where `falls(i)` says so, benefits never falling. */
  const ladder = (thresholds: readonly bigint[], falls: ((i: number) => boolean) | null, field: string) => {
    for (let i = 1; i < thresholds.length; i++) {
      if (thresholds[i]! <= thresholds[i - 1]!) throw fail(field)('TIERS_OVERLAP');
      if (falls?.(i)) throw fail(field)('TIER_BENEFIT_DECREASES');
    }
  };

  switch (a.kind) {
    case 'single_item':
    case 'flash_sale':
    case 'group_buy': {
      if ((a.prices === undefined) === (a.percentOff === undefined)) throw fail('prices')('PRICES_OR_PERCENT_REQUIRED');
      if (a.prices !== undefined) {
        const ps = list(a.prices, 'prices');
        distinct(
          ps.map((p) => p.skuId),
          'prices',
        );
        return { kind: a.kind, prices: new Map(ps.map((p) => [p.skuId, cents(p.price, 'prices')])), rate: null };
      }
      return { kind: a.kind, prices: null, rate: rateOfPercent(a.percentOff!, fail('percentOff')).rate };
    }
    case 'full_reduction': {
      const r = a.rule;
      if (r?.mode === 'tiered') {
        const tiers = list(r.tiers, 'tiers').map((t) => ({ threshold: cents(t.threshold, 'tiers'), off: cents(t.off, 'tiers') }));
        for (const t of tiers) {
          if (t.off === 0n) throw fail('tiers')('ZERO_DISCOUNT');
          if (t.threshold < t.off) throw fail('tiers')('THRESHOLD_BELOW_DISCOUNT');
        }
        ladder(
          tiers.map((t) => t.threshold),
          (i) => tiers[i]!.off < tiers[i - 1]!.off,
          'tiers',
        );
        return { kind: 'full_reduction', mode: 'tiered', tiers };
      }
      if (r?.mode === 'per_every') {
        const every = cents(r.every, 'every');
        const off = cents(r.off, 'off');
        const cap = r.cap === undefined ? null : cents(r.cap, 'cap');
        if (off === 0n) throw fail('off')('ZERO_DISCOUNT');
        if (every < off) throw fail('every')('THRESHOLD_BELOW_DISCOUNT');
        if (cap !== null && cap < off) throw fail('cap')('CAP_BELOW_DISCOUNT');
        return { kind: 'full_reduction', mode: 'per_every', every, off, cap };
      }
      throw fail('rule')('UNKNOWN_MODE');
    }
    case 'full_discount': {
      const tiers = list(a.tiers, 'tiers').map((t): RateTier => {
        const { rate, percent } = rateOfPercent(t.percentOff, fail('tiers'));
        const cap = t.cap === undefined ? null : cents(t.cap, 'tiers');
        if (cap === 0n) throw fail('tiers')('ZERO_CAP');
        return { threshold: cents(t.threshold, 'tiers'), rate, percent, cap };
      });
      ladder(
        tiers.map((t) => t.threshold),
        (i) => tiers[i]!.rate.lessThan(tiers[i - 1]!.rate),
        'tiers',
      );
      return { kind: 'full_discount', tiers };
    }
    case 'multi_buy': {
      const r = a.rule;
      if (r?.mode === 'n_for_price') {
        const price = cents(r.price, 'price');
        if (price === 0n) throw fail('price')('ZERO_PRICE');
        return { kind: 'multi_buy', mode: 'n_for_price', count: whole(r.count, 2, 'count'), price };
      }
      if (r?.mode === 'n_at_percent_off') {
        const tiers = list(r.tiers, 'tiers').map((t) => ({ count: whole(t.count, 1, 'tiers'), ...rateOfPercent(t.percentOff, fail('tiers')) }));
        ladder(
          tiers.map((t) => t.count),
          (i) => tiers[i]!.rate.lessThan(tiers[i - 1]!.rate),
          'tiers',
        );
        return { kind: 'multi_buy', mode: 'n_at_percent_off', tiers };
      }
      throw fail('rule')('UNKNOWN_MODE');
    }
    case 'bundle': {
      const items = list(a.items, 'items');
      distinct(
        items.map((i) => i.skuId),
        'items',
      );
      const price = cents(a.price, 'price');
      if (price === 0n) throw fail('price')('ZERO_PRICE');
      return { kind: 'bundle', items: items.map((i) => ({ skuId: i.skuId, quantity: whole(i.quantity, 1, 'items') })), price };
    }
    case 'add_on': {
      const items = list(a.items, 'items');
      distinct(
        items.map((i) => i.skuId),
        'items',
      );
      const threshold = cents(a.threshold, 'threshold');
      return {
        kind: 'add_on',
        threshold,
        items: new Map(items.map((i) => [i.skuId, { price: cents(i.price, 'items'), maxQuantity: whole(i.maxQuantity, 1, 'items') }])),
      };
    }
    case 'gift': {
      if (a.basis !== 'amount' && a.basis !== 'quantity') throw fail('basis')('UNKNOWN_BASIS');
      const tiers = list(a.tiers, 'tiers').map((t): GiftTier => {
        const threshold = a.basis === 'amount' ? cents(t.threshold as AmountInput, 'tiers') : whole(t.threshold as number, 1, 'tiers');
        if (threshold === 0n) throw fail('tiers')('ZERO_THRESHOLD');
        const gifts = list(t.gifts, 'gifts');
        distinct(
          gifts.map((g) => g.skuId),
          'gifts',
        );
        if (!isWhole(t.pick, 1) || t.pick > gifts.length) throw fail('pick')('PICK_OUT_OF_RANGE');
        return {
          threshold,
          pick: t.pick,
          gifts: gifts.map((g) => ({
            skuId: g.skuId,
            quantity: whole(g.quantity, 1, 'gifts'),
            cap: g.cap === undefined ? null : whole(g.cap, 0, 'gifts'),
            stock: whole(g.stock, 0, 'gifts'),
          })),
        };
      });
      ladder(
        tiers.map((t) => t.threshold),
        null,
        'tiers',
      );
      if (a.repeat && tiers.length !== 1) throw fail('repeat')('REPEAT_NEEDS_ONE_TIER');
      return { kind: 'gift', basis: a.basis, repeat: a.repeat ?? false, tiers };
    }
  }
}
