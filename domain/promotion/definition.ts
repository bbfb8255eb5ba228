import { Decimal } from 'decimal.js';
import { CHANNELS, compileActivity, type Activity as PricingActivity, type ActivityScope, type AmountInput, type Audience } from '../pricing/index.js';
import { DEFAULT_CURRENCY, Money } from '../shared/money.js';
import { PROMOTION_ERROR, invalidField } from './errors.js';
import { checkPresale } from './presale.js';
import { LIMIT_PERIODS } from './purchase-limit.js';

import {
  PROMOTION_KINDS,
  GROUP_TYPES,
  MAX_GROUP_SIZE,
  MAX_HELPERS,
  MAX_HOURS,
  MAX_PRIORITY,
  MAX_PER_MEMBER_LIMIT,
  type ItemPriceRule,
  type BargainRule,
  type PromotionRule,
  type GroupBuyTerms,
  type ActivityDefinition,
  type ActivityInput,
} from './definition-types.js';

export * from './definition-types.js';

const CURRENCY = DEFAULT_CURRENCY;

/**
 * Validates a definition and fills the defaults. Setup fields are checked here with PROMOTION codes; the
 * rule (and scope, audience, channels) by the pricing engine's own validation (`compileActivity`), so an
 * activity that passes is one the engine accepts.
 */
export function checkedDefinition(activityId: string, input: ActivityInput): ActivityDefinition {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > 60) {
    throw invalidField(PROMOTION_ERROR.INVALID_NAME, 'name', 'LENGTH', 'an activity name has 1 to 60 characters');
  }
  const { startsAt, endsAt } = input;
  const valid = (d: unknown) => d instanceof Date && !Number.isNaN(d.getTime());
  if (!valid(startsAt) || !valid(endsAt)) {
    throw invalidField(PROMOTION_ERROR.INVALID_WINDOW, 'window', 'INVALID_DATE', 'an activity window has a start and an end');
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw invalidField(PROMOTION_ERROR.INVALID_WINDOW, 'window', 'ENDS_BEFORE_START', 'an activity window must end after it starts', {
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
  }
  const kind = (input.rule as { kind?: unknown } | undefined)?.kind;
  if (!(PROMOTION_KINDS as readonly unknown[]).includes(kind)) {
    throw invalidField(PROMOTION_ERROR.INVALID_KIND, 'rule.kind', 'UNKNOWN_KIND', `not an activity kind: ${String(kind)}`);
  }
  const perMemberLimit = input.perMemberLimit ?? null;
  if (perMemberLimit !== null && !wholeIn(perMemberLimit, 1, MAX_PER_MEMBER_LIMIT)) {
    throw invalidField(
      PROMOTION_ERROR.INVALID_SETTINGS,
      'perMemberLimit',
      'OUT_OF_RANGE',
      `a per-member limit is a whole number from 1 to ${MAX_PER_MEMBER_LIMIT}`,
    );
  }
  const limitPeriod = input.limitPeriod ?? 'activity';
  if (!LIMIT_PERIODS.includes(limitPeriod)) {
    throw invalidField(PROMOTION_ERROR.INVALID_SETTINGS, 'limitPeriod', 'UNKNOWN_PERIOD', `a limit period is ${LIMIT_PERIODS.join(', ')}`);
  }
  const priority = input.priority ?? 0;
  if (!wholeIn(priority, 0, MAX_PRIORITY)) {
    throw invalidField(PROMOTION_ERROR.INVALID_SETTINGS, 'priority', 'OUT_OF_RANGE', `a priority is a whole number from 0 to ${MAX_PRIORITY}`);
  }
  const stockPool = input.stockPool ?? null;
  if (stockPool !== null && (typeof stockPool !== 'string' || !/^[A-Za-z0-9._:-]{1,120}$/.test(stockPool))) {
    throw invalidField(PROMOTION_ERROR.INVALID_SETTINGS, 'stockPool', 'MALFORMED', 'a stock pool name has 1 to 120 letters, digits, . _ : -');
  }
  const budget = input.budget ?? null;
  if (budget !== null) checkBudget(budget);
  // Judged as given (a Money in another currency is refused), stored JSON-shaped.
  const given: ActivityDefinition = {
    name,
    rule: input.rule,
    startsAt,
    endsAt,
    channels: [...new Set(input.channels ?? [])],
    audience: plain(input.audience ?? { kind: 'all' }) as Audience,
    scope: plain(input.scope ?? { kind: 'all' }) as ActivityScope,
    shopId: input.shopId ?? null,
    perMemberLimit,
    limitPeriod,
    budget,
    stacking: input.stacking ?? 'shared',
    priority,
    groupBuy: input.groupBuy ?? null,
    stockPool,
  };
  checkRule(activityId, given);
  return { ...given, rule: plain(given.rule) as PromotionRule, groupBuy: given.groupBuy ? (plain(given.groupBuy) as GroupBuyTerms) : null };
}

function checkRule(activityId: string, definition: ActivityDefinition): void {
  if (definition.channels.some((c) => !CHANNELS.includes(c))) {
    throw invalidField(PROMOTION_ERROR.INVALID_SETTINGS, 'channels', 'UNKNOWN_CHANNEL', `channels are ${CHANNELS.join(', ')}`);
  }
  if (definition.rule.kind === 'bargain') checkBargain(definition.rule);
  else if (definition.rule.kind === 'deposit_presale') checkPresale(definition.rule, definition);
  else compileActivity(pricingActivityOf(activityId, definition)!, CURRENCY);
  if ((definition.rule.kind === 'group_buy') !== (definition.groupBuy !== null)) {
    throw invalidField(
      PROMOTION_ERROR.INVALID_GROUP_BUY,
      'groupBuy',
      definition.groupBuy ? 'ONLY_FOR_GROUP_BUY' : 'MISSING',
      'a group_buy activity, and only one, has group-buy terms',
    );
  }
  if (definition.groupBuy) checkGroupBuy(activityId, definition);
}

export function checkBudget(budget: Money): void {
  if (!(budget instanceof Money) || budget.currency !== CURRENCY || !budget.isWholeMinorUnits() || !budget.isPositive()) {
    throw invalidField(PROMOTION_ERROR.INVALID_BUDGET, 'budget', 'NOT_A_POSITIVE_AMOUNT', `a budget is a positive amount of whole cents in ${CURRENCY}`);
  }
}

/**
 * The pricing engine's input for one version (PRM-3/PRM-4 read it as it is); null for a bargain or a
 * deposit presale, which have no pricing rule of their own (see `presaleAmounts` for the latter). Setup fields come last, so a rule cannot smuggle in another window.
 */
export function pricingActivityOf(activityId: string, d: ActivityDefinition, rule: PromotionRule = d.rule): PricingActivity | null {
  if (rule.kind === 'bargain' || rule.kind === 'deposit_presale') return null;
  return {
    ...rule,
    id: activityId,
    name: d.name,
    priority: d.priority,
    stacking: d.stacking,
    ...(d.shopId !== null ? { shopId: d.shopId } : {}),
    scope: d.scope,
    audience: d.audience,
    channels: d.channels,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
  } as PricingActivity;
}

/** The group sizes a group-buy activity offers, smallest first (the rule's size, then the ladder's). */
export function groupSizes(terms: GroupBuyTerms): number[] {
  return [terms.size, ...terms.ladder.map((t) => t.size)];
}

/** The item-price rule a group of `size` members pays, or null when the ladder has no such size. */
export function groupTierRule(d: ActivityDefinition, size: number): ItemPriceRule | null {
  if (d.rule.kind !== 'group_buy' || !d.groupBuy) return null;
  if (size === d.groupBuy.size) return d.rule;
  const tier = d.groupBuy.ladder.find((t) => t.size === size);
  if (!tier) return null;
  return { kind: 'group_buy', ...(tier.prices ? { prices: tier.prices } : {}), ...(tier.percentOff !== undefined ? { percentOff: tier.percentOff } : {}) };
}

function checkGroupBuy(activityId: string, d: ActivityDefinition): void {
  const g = d.groupBuy!;
  const fail = (field: string, reason: string, message: string) => invalidField(PROMOTION_ERROR.INVALID_GROUP_BUY, `groupBuy.${field}`, reason, message);
  if (!GROUP_TYPES.includes(g.type)) throw fail('type', 'UNKNOWN_TYPE', `a group type is ${GROUP_TYPES.join(', ')}`);
  if (!wholeIn(g.hours, 1, MAX_HOURS)) throw fail('hours', 'OUT_OF_RANGE', `a group stays open 1 to ${MAX_HOURS} hours`);
  if (!Array.isArray(g.ladder)) throw fail('ladder', 'MALFORMED', 'a ladder is a list of sizes with prices');
  const sizes = groupSizes(g);
  if (sizes.some((s) => !wholeIn(s, 2, MAX_GROUP_SIZE))) throw fail('size', 'OUT_OF_RANGE', `a group has 2 to ${MAX_GROUP_SIZE} members`);
  for (let i = 1; i < sizes.length; i++) {
    if (sizes[i]! <= sizes[i - 1]!) throw fail('ladder', 'SIZES_NOT_INCREASING', 'ladder sizes grow, each above the group size');
  }
  // Every tier is a group_buy price the engine accepts, and a bigger group never pays more (阶梯团).
  const compiled = sizes.map((size) => compileActivity(pricingActivityOf(activityId, d, groupTierRule(d, size)!)!, CURRENCY).rule);
  for (let i = 1; i < compiled.length; i++) {
    const [before, after] = [compiled[i - 1]!, compiled[i]!];
    if (before.kind !== 'group_buy' || after.kind !== 'group_buy') continue;
    if (before.prices && after.prices) {
      const same = before.prices.size === after.prices.size && [...before.prices.keys()].every((k) => after.prices!.has(k));
      if (!same) throw fail('ladder', 'SKUS_DIFFER', 'every tier prices the same SKUs');
      for (const [sku, price] of after.prices) {
        if (price > before.prices.get(sku)!) throw fail('ladder', 'PRICE_RISES', `a bigger group pays more for ${sku}`);
      }
    } else if (before.rate && after.rate) {
      if (after.rate.lessThan(before.rate)) throw fail('ladder', 'PRICE_RISES', 'a bigger group gets a smaller discount');
    } else {
      throw fail('ladder', 'MIXED_PRICING', 'every tier gives prices, or every tier a percentage off');
    }
  }
}

function checkBargain(r: BargainRule): void {
  const fail = (field: string, reason: string, message: string) => invalidField(PROMOTION_ERROR.INVALID_BARGAIN, `rule.${field}`, reason, message);
  if (typeof r.skuId !== 'string' || r.skuId.length === 0 || r.skuId.length > 64) throw fail('skuId', 'MISSING', 'a bargain is on one SKU');
  const original = amount(r.originalPrice, () => fail('originalPrice', 'NOT_AN_AMOUNT', 'the original price is an amount of whole cents'));
  const floor = amount(r.floorPrice, () => fail('floorPrice', 'NOT_AN_AMOUNT', 'the floor price is an amount of whole cents'));
  if (!wholeIn(r.maxHelpers, 1, MAX_HELPERS)) throw fail('maxHelpers', 'OUT_OF_RANGE', `a bargain has 1 to ${MAX_HELPERS} helpers`);
  if (!wholeIn(r.hours, 1, MAX_HOURS)) throw fail('hours', 'OUT_OF_RANGE', `a bargain stays open 1 to ${MAX_HOURS} hours`);
  if (floor >= original) throw fail('floorPrice', 'FLOOR_NOT_BELOW_ORIGINAL', 'the floor price is below the original price');
  // Every helper cuts at least 0.01 (see bargainCuts).
  if (original - floor < BigInt(r.maxHelpers)) {
    throw fail('maxHelpers', 'TOO_MANY_HELPERS', 'original − floor must allow at least 0.01 per helper');
  }
}

/** Whole cents of a non-negative amount in CNY, or `fail()`. */
export function amount(value: AmountInput, fail: () => Error): bigint {
  let m: Money;
  try {
    m = value instanceof Money ? value : Money.parse(String(value), CURRENCY);
  } catch {
    throw fail();
  }
  if (m.currency !== CURRENCY || !m.isWholeMinorUnits() || m.isNegative()) throw fail();
  return m.toMinor();
}

function wholeIn(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max;
}

/** A deep, JSON-shaped copy: Money and Decimal become their decimal strings (what storage gives back). */
function plain(value: unknown): unknown {
  if (value instanceof Money || Decimal.isDecimal(value)) return String(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}
