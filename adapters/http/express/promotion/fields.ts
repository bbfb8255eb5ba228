// What the promotion routes share: the request schemas (an activity's definition, pricing lines, ids) and the
// staff and member route settings. The business codes each route may answer are declared in the route files.
import { z } from 'zod';
import { CHANNELS } from '../../../../domain/pricing/index.js';
import { GROUP_TYPES } from '../../../../domain/promotion/definition.js';
import { LIMIT_PERIODS } from '../../../../domain/promotion/purchase-limit.js';
import { amount, id, int32 } from '../route.js';

// Types and sizes are checked here; what the values mean (a window that ends before it starts, tiers that
// overlap, a floor above the price, a size the ladder lacks …) is the domain's to judge, with its codes.
export const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
export const text = z.string().min(1).max(64);
export const count = int32;
export const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max);
export const skuPrices = list(z.object({ skuId: id, price: amount }).strict(), 500);
export const channel = z.enum(CHANNELS as unknown as ['app', 'h5', 'pc', 'mini_program']);

export const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['single_item', 'flash_sale', 'group_buy']), prices: skuPrices.optional(), percentOff: amount.optional() }).strict(),
  z
    .object({
      kind: z.literal('full_reduction'),
      rule: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('tiered'), tiers: list(z.object({ threshold: amount, off: amount }).strict(), 20) }).strict(),
        z.object({ mode: z.literal('per_every'), every: amount, off: amount, cap: amount.optional() }).strict(),
      ]),
    })
    .strict(),
  z
    .object({ kind: z.literal('full_discount'), tiers: list(z.object({ threshold: amount, percentOff: amount, cap: amount.optional() }).strict(), 20) })
    .strict(),
  z
    .object({
      kind: z.literal('multi_buy'),
      rule: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('n_for_price'), count, price: amount }).strict(),
        z.object({ mode: z.literal('n_at_percent_off'), tiers: list(z.object({ count, percentOff: amount }).strict(), 20) }).strict(),
      ]),
    })
    .strict(),
  z.object({ kind: z.literal('bundle'), items: list(z.object({ skuId: id, quantity: count }).strict()), price: amount }).strict(),
  z.object({ kind: z.literal('add_on'), threshold: amount, items: list(z.object({ skuId: id, price: amount, maxQuantity: count }).strict()) }).strict(),
  z
    .object({
      kind: z.literal('gift'),
      basis: z.enum(['amount', 'quantity']),
      repeat: z.boolean().optional(),
      tiers: list(
        z
          .object({
            threshold: z.union([amount, count]),
            pick: count,
            gifts: list(z.object({ skuId: id, quantity: count, cap: count.optional(), stock: count }).strict()),
          })
          .strict(),
        20,
      ),
    })
    .strict(),
  z.object({ kind: z.literal('bargain'), skuId: id, originalPrice: amount, floorPrice: amount, maxHelpers: count, hours: count }).strict(),
  z
    .object({
      kind: z.literal('deposit_presale'),
      items: list(z.object({ skuId: id, price: amount, deposit: amount }).strict(), 500),
      leverage: z.string().max(20),
      depositWindow: z.object({ startsAt: timestamp, endsAt: timestamp }).strict(),
      balanceWindow: z.object({ startsAt: timestamp, endsAt: timestamp }).strict(),
    })
    .strict(),
]);

export const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['all', 'new_members']) }).strict(),
  z.object({ kind: z.literal('members'), memberIds: list(text, 10_000) }).strict(),
  z.object({ kind: z.literal('levels'), levels: list(text, 50) }).strict(),
]);
export const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.enum(['skus', 'products', 'categories', 'brands', 'shops', 'tags']), ids: list(text, 1000) }).strict(),
]);
export const groupBuy = z
  .object({
    type: z.enum(GROUP_TYPES),
    size: count,
    hours: count,
    ladder: list(z.object({ size: count, prices: skuPrices.optional(), percentOff: amount.optional() }).strict(), 20).default([]),
  })
  .strict();

export const activityFields = {
  name: z.string().max(200),
  rule,
  startsAt: timestamp,
  endsAt: timestamp,
  channels: list(channel, 4),
  audience,
  scope,
  shopId: id.nullable(),
  perMemberLimit: count.nullable(),
  limitPeriod: z.enum(LIMIT_PERIODS),
  budget: amount.nullable(),
  stacking: z.enum(['shared', 'exclusive']),
  priority: count,
  groupBuy: groupBuy.nullable(),
  stockPool: z.string().max(200).nullable(),
};
const { name, rule: ruleField, startsAt, endsAt, ...optional } = activityFields;
export const createBody = z.object({ name, rule: ruleField, startsAt, endsAt, ...z.object(optional).partial().shape }).strict();
export const activityParams = z.object({ activityId: id });
export const groupParams = z.object({ groupId: id });
export const bargainParams = z.object({ bargainId: id });
export const orderId = z.string().min(1).max(120);

export const pricingLine = z
  .object({
    lineId: text,
    skuId: id,
    productId: id,
    categoryIds: list(id, 10).optional(),
    brandId: id.optional(),
    shopId: id,
    selfRun: z.boolean().optional(),
    tags: list(text, 20).optional(),
    quantity: count,
    unitPrice: amount,
  })
  .strict();
export const memberContext = z.object({ memberId: text.optional(), level: text.optional(), isNew: z.boolean(), channel }).strict();

export const staff = { tag: 'promotion-admin', access: 'staff', roles: ['marketing'] } as const;
export const member = { tag: 'promotion', access: 'member' } as const;
