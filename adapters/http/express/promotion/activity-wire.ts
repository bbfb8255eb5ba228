import { z } from 'zod';
import type { ActivityView } from '../../../../application/promotion/index.js';
import { GROUP_TYPES, PROMOTION_KINDS } from '../../../../domain/promotion/definition.js';
import { LIMIT_PERIODS } from '../../../../domain/promotion/purchase-limit.js';
import { REVIEW_STATUSES, TIME_STATUSES } from '../../../../domain/promotion/review.js';
import { channel, stacking } from '../pricing/index.js';
import { component, decimal, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The promotion routes' answers about activities: their versions and definitions (PRM-2). */

/** A percentage as the activity was given it: a decimal string ("15"); a number when an in-process caller gave one. */
const percent = z.union([decimal, z.number()]);
const skuPrice = wireObject({ skuId: wireId, price: money });
const window = wireObject({ startsAt: timestamp, endsAt: timestamp });

/** 单品 / 秒杀 / 拼团 price: a price per SKU or a percentage off (also a group's tier). */
export const itemPriceRule = component(
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

export type ActivityWireChecks = [Check<Same<z.output<typeof activityView>, Json<ActivityView>>>];
