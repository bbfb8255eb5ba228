import { DomainError } from '../shared/domain-error.js';
import { centsOf, roundedDiscount, type AmountInput, type Cents } from './amounts.js';
import { compileActivity, type Activity, type CompiledActivity, type SetFamily } from './activity.js';
import { compileCoupon, staticRejection, type CompiledCoupon, type CouponRejection, type MemberCoupon } from './coupon.js';
import { PRICING_ERROR, pricingError } from './errors.js';
import { normalizeLines, type OrderLine, type PricingLineInput } from './line.js';
import { compilePoints, type PointsInput, type PointsRule } from './points.js';
import type { ActivityEffect } from './set-activities.js';
import { audienceAdmits, channelAdmits, CHANNELS, inWindow, type MemberContext } from './scope.js';

/** Everything the engine prices: the order, the shopper, the live activities, the member's coupons, points. */
export interface PricingInput {
  /** Default CNY; every amount must be in it. */
  readonly currency?: string;
  /** The pricing moment: activity windows and coupon validity are judged at `now` (no clock is read). */
  readonly now: Date;
  readonly member: MemberContext;
  readonly lines: readonly PricingLineInput[];
  /** Active activities (those outside their window, channel or audience are ignored). */
  readonly activities?: readonly Activity[];
  /** The member's claimed, unused coupons (invalid ones are reported in `couponOptions`, not used). */
  readonly coupons?: readonly MemberCoupon[];
  readonly points?: PointsInput;
  /** The order's freight, computed elsewhere (freight templates); a shipping coupon deducts from it. Default 0. */
  readonly freight?: AmountInput;
}

/** PRM-3 step 2 on one line: the price activity that set its unit price, if any. */
export interface ItemPrice {
  readonly activity: CompiledActivity | null;
  readonly unit: Cents;
  readonly amount: Cents;
}

/** The validated input, lines in `lineId` order, with what does not depend on the plan worked out once. */
export interface PricingContext {
  readonly currency: string;
  readonly now: Date;
  readonly member: MemberContext;
  readonly lines: readonly OrderLine[];
  readonly itemPrices: readonly ItemPrice[];
  /** Set-level activities that are live for this member (window, channel, audience), by id. */
  readonly setActivities: readonly CompiledActivity[];
  /** Per set activity: the lines it covers that may take part in set-level activities. */
  readonly eligible: readonly (readonly number[])[];
  /** Per set activity: the lines where it holds its family's slot in the shared stack (exclusive ones: none). */
  readonly sharedMembers: readonly (readonly number[])[];
  /** Indexes of exclusive set activities covering at least one line: the alternatives to the shared stack. */
  readonly exclusives: readonly number[];
  /** The member's coupons by id, the lines each covers, and what rules each out before any plan. */
  readonly coupons: readonly CompiledCoupon[];
  readonly couponLines: readonly (readonly number[])[];
  readonly couponStatic: readonly (CouponRejection | null)[];
  readonly freight: Cents;
  readonly points: PointsRule | null;
  /** Splits already made while pricing this order (the plans of the search share most of them). */
  readonly allocations: Map<string, Cents[]>;
  /** Set-level effects already worked out, by activity, lines and their amounts (see `applyActivities`). */
  readonly effects: Map<string, ActivityEffect>;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function inputError(reason: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return pricingError(PRICING_ERROR.INVALID_INPUT, reason, message, details);
}

function unique<T extends { id: string }>(xs: readonly T[], what: string): void {
  const seen = new Set<string>();
  for (const x of xs) {
    if (seen.has(x.id)) throw inputError(`DUPLICATE_${what.toUpperCase()}`, `${what} id ${JSON.stringify(x.id)} appears twice`, { id: x.id });
    seen.add(x.id);
  }
}

export function prepareContext(input: PricingInput): PricingContext {
  const currency = input.currency ?? 'CNY';
  if (!/^[A-Z]{3}$/.test(currency)) throw inputError('INVALID_CURRENCY', `not a currency code: ${currency}`);
  if (!(input.now instanceof Date) || Number.isNaN(input.now.getTime())) throw inputError('INVALID_NOW', '`now` must be a valid Date');
  const member = input.member;
  if (!member || typeof member.isNew !== 'boolean' || !CHANNELS.includes(member.channel)) {
    throw inputError('INVALID_MEMBER', 'member needs isNew and a known channel', { channel: member?.channel });
  }
  const lines = normalizeLines(input.lines, currency);
  const activities = (input.activities ?? []).map((a) => compileActivity(a, currency)).sort(byId);
  unique(activities, 'activity');
  const coupons = (input.coupons ?? []).map((c) => compileCoupon(c, currency)).sort(byId);
  unique(coupons, 'coupon');
  const freight = input.freight === undefined ? 0n : centsOf(input.freight, currency, (r) => inputError(r, `invalid freight (${r})`, { field: 'freight' }));
  const points = input.points === undefined ? null : compilePoints(input.points, currency);

  const live = activities.filter(
    (a) =>
      inWindow(a.source.startsAt, a.source.endsAt, input.now) &&
      channelAdmits(a.source.channels, member.channel) &&
      audienceAdmits(a.source.audience, member),
  );
  const itemPrices = lines.map((l) => itemPriceOf(l, live, currency));
  const open = itemPrices.map((p) => !p.activity?.exclusive);
  const setActivities = live.filter((a) => a.family !== 'item_price');
  const eligible = setActivities.map((a) => lines.flatMap((l, i) => (open[i] && a.covers(l) ? [i] : [])));

  // The shared stack (PRM-4): on each line, each family's slot goes to the covering shared activity of
  // highest priority, ties to the smaller id.
  const order = setActivities.map((_, i) => i).filter((i) => !setActivities[i]!.exclusive);
  order.sort((x, y) => setActivities[y]!.priority - setActivities[x]!.priority || byId(setActivities[x]!, setActivities[y]!));
  const taken = new Map<SetFamily, Uint8Array>();
  const sharedMembers: number[][] = setActivities.map(() => []);
  for (const ai of order) {
    const family = setActivities[ai]!.family as SetFamily;
    let slots = taken.get(family);
    if (!slots) taken.set(family, (slots = new Uint8Array(lines.length)));
    for (const li of eligible[ai]!) {
      if (slots[li] === 0) {
        slots[li] = 1;
        sharedMembers[ai]!.push(li);
      }
    }
  }
  const exclusives = setActivities.flatMap((a, i) => (a.exclusive && eligible[i]!.length > 0 ? [i] : []));

  const couponLines = coupons.map((c) => lines.flatMap((l, i) => (c.covers(l) ? [i] : [])));
  const couponStatic = coupons.map((c, i) => staticRejection(c, input.now, member.channel, couponLines[i]!.length, freight));
  return {
    currency,
    now: input.now,
    member,
    lines,
    itemPrices,
    setActivities,
    eligible,
    sharedMembers,
    exclusives,
    coupons,
    couponLines,
    couponStatic,
    freight,
    points,
    allocations: new Map(),
    effects: new Map(),
  };
}

/**
 * PRM-3 step 2 (PRM-1): a line's price is the lowest price its live price activities offer, never above
 * the normal price (a configured price above it is ignored); ties → higher priority, then smaller id.
 * A price activity at the normal price changes nothing and is not applied. Not part of the plan search:
 * this is the price the product page shows.
 */
function itemPriceOf(line: OrderLine, live: readonly CompiledActivity[], currency: string): ItemPrice {
  let best: CompiledActivity | null = null;
  let bestUnit = line.unit;
  for (const a of live) {
    const r = a.rule;
    if (r.kind !== 'single_item' && r.kind !== 'flash_sale' && r.kind !== 'group_buy') continue;
    if (!a.covers(line)) continue;
    const unit = r.prices ? r.prices.get(line.skuId)! : line.unit - roundedDiscount(line.unit, r.rate!, currency);
    if (unit >= line.unit) continue;
    if (
      best === null ||
      unit < bestUnit ||
      (unit === bestUnit && (a.priority > best.priority || (a.priority === best.priority && a.id < best.id)))
    ) {
      best = a;
      bestUnit = unit;
    }
  }
  return { activity: best, unit: bestUnit, amount: bestUnit * line.qty };
}
