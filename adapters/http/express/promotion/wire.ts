import { z } from 'zod';
import type {
  ActivityView,
  BargainView,
  CloseExpiredGroups,
  PricePreview,
  PurchaseAllowance,
  PurchaseLimitOutcome,
} from '../../../../application/promotion/index.js';
import type { BargainHelp } from '../../../../domain/promotion/bargain.js';
import { GROUP_TYPES, PROMOTION_KINDS } from '../../../../domain/promotion/definition.js';
import { GROUP_STATUSES, type GroupBuySnapshot } from '../../../../domain/promotion/group-buy.js';
import type { PurchaseLimitResult } from '../../../../domain/promotion/ports.js';
import { LIMIT_PERIODS } from '../../../../domain/promotion/purchase-limit.js';
import { REVIEW_STATUSES, TIME_STATUSES } from '../../../../domain/promotion/review.js';
import {
  activityKind,
  addOnOffer,
  appliedActivity,
  appliedCoupon,
  channel,
  couponOption,
  gifts,
  pricedLine,
  stacking,
  unmetThreshold,
} from '../pricing/index.js';
import { component, count, decimal, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/**
 * The promotion routes' answers (促销中心): activities with their versions and definitions (PRM-2), group
 * buys (the staff's full view, a member's own view), bargains, purchase limits (限购) and the price preview.
 */

/** A percentage as the activity was given it: a decimal string ("15"); a number when an in-process caller gave one. */
const percent = z.union([decimal, z.number()]);
const skuPrice = wireObject({ skuId: wireId, price: money });
const window = wireObject({ startsAt: timestamp, endsAt: timestamp });

/** 单品 / 秒杀 / 拼团 price: a price per SKU or a percentage off (also a group's tier). */
const itemPriceRule = component(
  'ItemPriceRule',
  wireObject({ kind: z.enum(['single_item', 'flash_sale', 'group_buy']), prices: z.array(skuPrice).optional(), percentOff: percent.optional() }),
);

const promotionRule = component(
  'PromotionRule',
  z.discriminatedUnion('kind', [
    itemPriceRule,
    wireObject({
      kind: z.literal('full_reduction'),
      rule: z.discriminatedUnion('mode', [
        wireObject({ mode: z.literal('tiered'), tiers: z.array(wireObject({ threshold: money, off: money })) }),
        wireObject({ mode: z.literal('per_every'), every: money, off: money, cap: money.optional() }),
      ]),
    }),
    wireObject({ kind: z.literal('full_discount'), tiers: z.array(wireObject({ threshold: money, percentOff: percent, cap: money.optional() })) }),
    wireObject({
      kind: z.literal('multi_buy'),
      rule: z.discriminatedUnion('mode', [
        wireObject({ mode: z.literal('n_for_price'), count: int, price: money }),
        wireObject({ mode: z.literal('n_at_percent_off'), tiers: z.array(wireObject({ count: int, percentOff: percent })) }),
      ]),
    }),
    wireObject({ kind: z.literal('bundle'), items: z.array(wireObject({ skuId: wireId, quantity: int })), price: money }),
    wireObject({ kind: z.literal('add_on'), threshold: money, items: z.array(wireObject({ skuId: wireId, price: money, maxQuantity: int })) }),
    wireObject({
      kind: z.literal('gift'),
      basis: z.enum(['amount', 'quantity']),
      repeat: z.boolean().optional(),
      // An amount for basis `amount`, a number of units for basis `quantity`.
      tiers: z.array(
        wireObject({
          threshold: z.union([money, int]),
          pick: int,
          gifts: z.array(wireObject({ skuId: wireId, quantity: int, cap: int.optional(), stock: int })),
        }),
      ),
    }),
    wireObject({ kind: z.literal('bargain'), skuId: wireId, originalPrice: money, floorPrice: money, maxHelpers: int, hours: int }),
    wireObject({
      kind: z.literal('deposit_presale'),
      items: z.array(wireObject({ skuId: wireId, price: money, deposit: money })),
      leverage: z.string(),
      depositWindow: window,
      balanceWindow: window,
    }),
  ]),
);

const audience = z.discriminatedUnion('kind', [
  wireObject({ kind: z.literal('all') }),
  wireObject({ kind: z.literal('new_members') }),
  wireObject({ kind: z.literal('members'), memberIds: z.array(z.string()) }),
  wireObject({ kind: z.literal('levels'), levels: z.array(z.string()) }),
]);
const scope = z.discriminatedUnion('kind', [
  wireObject({ kind: z.literal('all') }),
  wireObject({ kind: z.enum(['skus', 'products', 'categories', 'brands', 'shops', 'tags']), ids: z.array(z.string()) }),
]);
const groupBuyTerms = wireObject({
  type: z.enum(GROUP_TYPES),
  size: int,
  hours: int,
  ladder: z.array(wireObject({ size: int, prices: z.array(skuPrice).optional(), percentOff: percent.optional() })),
});

const activityDefinition = component(
  'ActivityDefinition',
  wireObject({
    name: z.string(),
    rule: promotionRule,
    startsAt: timestamp,
    endsAt: timestamp,
    channels: z.array(channel),
    audience,
    scope,
    shopId: wireId.nullable(),
    perMemberLimit: int.nullable(),
    limitPeriod: z.enum(LIMIT_PERIODS),
    budget: money.nullable(),
    stacking,
    priority: int,
    groupBuy: groupBuyTerms.nullable(),
    stockPool: z.string().nullable(),
  }),
);

const activityVersion = component(
  'ActivityVersion',
  wireObject({
    number: int,
    status: z.enum(REVIEW_STATUSES),
    definition: activityDefinition,
    createdAt: timestamp,
    authors: z.array(z.string()),
    submittedAt: timestamp.nullable(),
    submittedBy: z.string().nullable(),
    reviewedAt: timestamp.nullable(),
    reviewedBy: z.string().nullable(),
    approvedAt: timestamp.nullable(),
    approvedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
  }),
);

/** An activity as staff see it: its versions, its PRM-2 status now, the review status of its newest version, the budget spent. */
export const activityView = component(
  'ActivityView',
  wireObject({
    id: wireId,
    code: z.string(),
    kind: z.enum(PROMOTION_KINDS),
    versions: z.array(activityVersion),
    liveVersion: int.nullable(),
    voidedAt: timestamp.nullable(),
    voidReason: z.string().nullable(),
    createdAt: timestamp,
    version: int,
    status: z.enum(TIME_STATUSES),
    reviewStatus: z.enum(REVIEW_STATUSES),
    hasOpenVersion: z.boolean(),
    budgetSpent: money,
  }),
);

// ---- group buys (拼团) ----

const memberStatus = z.enum(['pending', 'paid']);
const groupFields = {
  id: wireId,
  activityId: wireId,
  type: z.enum(GROUP_TYPES),
  size: int,
  paid: count,
  tier: itemPriceRule,
  status: z.enum(GROUP_STATUSES),
  openedAt: timestamp,
  deadline: timestamp,
  closedAt: timestamp.nullable(),
};

/** A group as staff see it: every member with their order. */
export const groupBuyView = component(
  'GroupBuy',
  wireObject({
    ...groupFields,
    activityVersion: int,
    leaderId: wireId,
    members: z.array(
      wireObject({ memberId: wireId, orderId: z.string(), leader: z.boolean(), status: memberStatus, joinedAt: timestamp, paidAt: timestamp.nullable() }),
    ),
    version: int,
  }),
);

/** A group payment confirmed (or a replay of one: `replayed`). */
export const groupPayment = component('GroupPayment', wireObject({ ...groupBuyView.shape, replayed: z.boolean() }));

export const expiredGroups = wireObject({ failed: z.array(wireId) });

/** What a member sees of a group: its progress, and their own place in it — not the others' orders. */
export function memberGroupView(g: GroupBuySnapshot, memberId: string) {
  const mine = g.members.find((m) => m.memberId === memberId);
  return {
    id: g.id,
    activityId: g.activityId,
    type: g.type,
    size: g.size,
    paid: g.paid,
    tier: g.tier,
    status: g.status,
    openedAt: g.openedAt,
    deadline: g.deadline,
    closedAt: g.closedAt,
    members: g.members.length,
    mine: mine ? { orderId: mine.orderId, leader: mine.leader, status: mine.status } : null,
  };
}

export const memberGroup = component(
  'MemberGroup',
  wireObject({
    ...groupFields,
    members: count,
    mine: wireObject({ orderId: z.string(), leader: z.boolean(), status: memberStatus }).nullable(),
  }),
);

// ---- bargains (砍价) ----

/** What a member sees of a bargain: the prices and how many helped — not who, nor the seed that decides the cuts. */
export function memberBargainView(b: BargainView, memberId: string) {
  const mine = b.helps.find((h) => h.helperId === memberId);
  return {
    id: b.id,
    activityId: b.activityId,
    skuId: b.skuId,
    originalPrice: b.originalPrice,
    floorPrice: b.floorPrice,
    currentPrice: b.currentPrice,
    maxHelpers: b.maxHelpers,
    helpers: b.helps.length,
    status: b.status,
    startedAt: b.startedAt,
    deadline: b.deadline,
    mine: b.memberId === memberId,
    myCut: mine?.cut ?? null,
  };
}

export const memberBargain = component(
  'MemberBargain',
  wireObject({
    id: wireId,
    activityId: wireId,
    skuId: wireId,
    originalPrice: money,
    floorPrice: money,
    currentPrice: money,
    maxHelpers: int,
    helpers: count,
    status: z.enum(['open', 'complete']),
    startedAt: timestamp,
    deadline: timestamp,
    mine: z.boolean(),
    myCut: money.nullable(),
  }),
);

/** 帮砍's answer: the bargain as the helper sees it, their cut, and whether they had cut already (`replayed`). */
export function memberHelpView(r: BargainView & { readonly help: BargainHelp; readonly replayed: boolean }, helperId: string) {
  return { ...memberBargainView(r, helperId), cut: r.help.cut, replayed: r.replayed };
}

export const bargainHelp = component('BargainHelp', wireObject({ ...memberBargain.shape, cut: money, replayed: z.boolean() }));

// ---- purchase limits (限购) ----

const limitResult = { activityId: wireId, memberId: wireId, period: z.string(), used: count, quantity: count, replayed: z.boolean() };
export const purchaseLimitOutcome = component('PurchaseLimitOutcome', wireObject({ ...limitResult, limit: int.nullable(), remaining: count.nullable() }));
/** A release: the reference's consumption given back (or a replay), or `{ released: false }` when it never consumed. */
export const purchaseLimitRelease = component('PurchaseLimitRelease', z.union([wireObject(limitResult), wireObject({ released: z.literal(false) })]));
export const purchaseAllowance = component(
  'PurchaseAllowance',
  wireObject({
    activityId: wireId,
    memberId: wireId,
    limit: int.nullable(),
    limitPeriod: z.enum(LIMIT_PERIODS),
    period: z.string(),
    used: count,
    remaining: count.nullable(),
  }),
);

// ---- the price preview (PRM-3, PRM-4) ----

const byKind = Object.fromEntries(activityKind.options.map((k) => [k, money])) as Record<z.infer<typeof activityKind>, typeof money>;

export const pricePreview = component(
  'PricePreview',
  wireObject({
    currency: z.string(),
    lines: z.array(pricedLine),
    totals: wireObject({
      subtotal: money,
      itemPriceDiscount: money,
      activityDiscount: money,
      discountsByKind: wireObject(byKind),
      couponDiscount: money,
      goodsPayable: money,
      pointsUsed: count,
      pointsAmount: money,
      freight: money,
      freightDeduction: money,
      payable: money,
    }),
    activities: z.array(appliedActivity),
    coupons: z.array(appliedCoupon),
    gifts,
    addOnOffers: z.array(addOnOffer),
    unmetThresholds: z.array(unmetThreshold),
    couponOptions: z.array(couponOption),
    recommendedCouponId: wireId.nullable(),
    plan: wireObject({ exclusiveActivityId: wireId.nullable(), couponIds: z.array(wireId) }),
    score: wireObject({ payableBeforePoints: money, gifts: count, discounts: count, prioritySum: int, ids: z.array(z.string()) }),
    at: timestamp,
  }),
);

export type PromotionWireChecks = [
  Check<Same<z.output<typeof activityView>, Json<ActivityView>>>,
  Check<Same<z.output<typeof groupBuyView>, Json<GroupBuySnapshot>>>,
  Check<Same<z.output<typeof groupPayment>, Json<GroupBuySnapshot & { readonly replayed: boolean }>>>,
  Check<Same<z.output<typeof expiredGroups>, Json<Awaited<ReturnType<CloseExpiredGroups['execute']>>>>>,
  Check<Same<z.output<typeof memberGroup>, Json<ReturnType<typeof memberGroupView>>>>,
  Check<Same<z.output<typeof memberBargain>, Json<ReturnType<typeof memberBargainView>>>>,
  Check<Same<z.output<typeof bargainHelp>, Json<ReturnType<typeof memberHelpView>>>>,
  Check<Same<z.output<typeof purchaseLimitOutcome>, Json<PurchaseLimitOutcome>>>,
  Check<Same<z.output<typeof purchaseLimitRelease>, Json<PurchaseLimitResult | { released: false }>>>,
  Check<Same<z.output<typeof purchaseAllowance>, Json<PurchaseAllowance>>>,
  Check<Same<z.output<typeof pricePreview>, Json<PricePreview>>>,
];
