import type { DomainError } from '../shared/domain-error.js';
import { centsOf, isWhole, roundedDiscount, type AmountInput, type Cents } from './amounts.js';
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
  /**
   * 限购 (PRM-3 step 2 and the promotion context's purchase limits): what the member may still buy under
   * an activity. A price activity (single-item, flash sale, group buy) prices at most `remaining` units of
   * the order, the rest at the normal price; a set-level activity with 0 remaining does not apply.
   * Activities not listed are unlimited.
   */
  readonly purchaseLimits?: readonly PurchaseLimitInput[];
  /**
   * Pricing a presale's balance payment (尾款, spec §5 deposit presale): no coupon may apply to it, so a
   * non-empty `coupons` is refused (`PRICING.INVALID_INPUT`, reason `COUPON_ON_BALANCE`). Default false.
   */
  readonly balancePayment?: boolean;
}

/** How many more units (price activities) or orders (set-level activities) the member may take under an activity. */
export interface PurchaseLimitInput {
  readonly activityId: string;
  /** A whole number ≥ 0. */
  readonly remaining: number;
}

/** PRM-3 step 2 on one line: the price activity that set its unit price, if any. */
export interface ItemPrice {
  readonly activity: CompiledActivity | null;
  /** The activity's unit price (the normal one without an activity). */
  readonly unit: Cents;
  /** Units at `unit`: the whole quantity, or fewer when a purchase limit leaves fewer; the rest cost the normal price. */
  readonly units: bigint;
  /** unit × units + normal unit price × (quantity − units). */
  readonly amount: Cents;
}

/** The units of a line after step 2, as (count, unit price) runs, priciest first: the normal-priced rest, then the activity's units. */
export function unitRuns(line: OrderLine, p: ItemPrice): { qty: bigint; unit: Cents }[] {
  const runs = [
    { qty: line.qty - p.units, unit: line.unit },
    { qty: p.units, unit: p.unit },
  ];
  return runs.filter((r) => r.qty > 0n);
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
  if (input.balancePayment === true && (input.coupons ?? []).length > 0) {
    throw inputError('COUPON_ON_BALANCE', 'a presale balance payment takes no coupon (spec §5)', { coupons: input.coupons!.length });
  }
  const limits = purchaseLimitsOf(input.purchaseLimits);
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
      audienceAdmits(a.source.audience, member) &&
      // 限购: a set-level activity the member has no participation left in does not apply.
      (a.family === 'item_price' || limits.get(a.id) !== 0n),
  );
  const itemPrices = itemPricesOf(lines, live, currency, limits);
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
    if (!slots) {
      slots = new Uint8Array(lines.length);
      taken.set(family, slots);
    }
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

function purchaseLimitsOf(xs: readonly PurchaseLimitInput[] | undefined): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const x of xs ?? []) {
    if (typeof x?.activityId !== 'string' || !isWhole(x.remaining, 0)) {
      throw inputError('INVALID_PURCHASE_LIMIT', 'a purchase limit names an activity and a whole remaining number ≥ 0', { activityId: x?.activityId });
    }
    if (out.has(x.activityId))
      throw inputError('DUPLICATE_PURCHASE_LIMIT', `activity ${JSON.stringify(x.activityId)} has two purchase limits`, { activityId: x.activityId });
    out.set(x.activityId, BigInt(x.remaining));
  }
  return out;
}

/**
 * PRM-3 step 2 (PRM-1): a line's price is the lowest its live price activities offer, never above the
 * normal price (a configured price above it is ignored). A price activity at the normal price changes
 * nothing and is not applied. Not part of the plan search: this is the price the product page shows.
 *
 * 限购: an activity with a purchase limit prices at most its `remaining` units over the whole order, the
 * rest of a line at the normal price. A line takes one price activity: the one giving the lowest line
 * amount with what is left of each limit (ties → the lower unit price, higher priority, smaller id). Lines
 * take their turn by the saving per unit their best offer would give without limits, largest first
 * (ties → `lineId`), so the limited units go where they save most and the input order never matters.
 * Without limits this is the lowest unit price per line.
 */
function itemPricesOf(lines: readonly OrderLine[], live: readonly CompiledActivity[], currency: string, limits: Map<string, bigint>): ItemPrice[] {
  const offers = lines.map((line) => {
    const out: { activity: CompiledActivity; unit: Cents }[] = [];
    for (const a of live) {
      const r = a.rule;
      if (r.kind !== 'single_item' && r.kind !== 'flash_sale' && r.kind !== 'group_buy') continue;
      if (!a.covers(line)) continue;
      const unit = r.prices ? r.prices.get(line.skuId)! : line.unit - roundedDiscount(line.unit, r.rate!, currency);
      if (unit < line.unit) out.push({ activity: a, unit });
    }
    return out;
  });
  const saving = offers.map((os, li) => os.reduce((best, o) => (lines[li]!.unit - o.unit > best ? lines[li]!.unit - o.unit : best), 0n));
  const turn = lines.map((_, li) => li).sort((x, y) => (saving[y]! > saving[x]! ? 1 : saving[y]! < saving[x]! ? -1 : x - y));
  const left = new Map(limits);
  const out = new Array<ItemPrice>(lines.length);
  for (const li of turn) {
    const line = lines[li]!;
    let best: ItemPrice = { activity: null, unit: line.unit, units: line.qty, amount: line.normal };
    for (const { activity: a, unit } of offers[li]!) {
      const cap = left.get(a.id);
      const units = cap === undefined || cap >= line.qty ? line.qty : cap;
      if (units === 0n) continue;
      const amount = unit * units + line.unit * (line.qty - units);
      const b = best.activity;
      if (
        b === null ||
        amount < best.amount ||
        (amount === best.amount && (unit < best.unit || (unit === best.unit && (a.priority > b.priority || (a.priority === b.priority && a.id < b.id)))))
      ) {
        best = { activity: a, unit, units, amount };
      }
    }
    if (best.activity !== null && left.has(best.activity.id)) left.set(best.activity.id, left.get(best.activity.id)! - best.units);
    out[li] = best;
  }
  return out;
}
