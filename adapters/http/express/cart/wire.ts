import { z } from 'zod';
import { CART_OWNER_KINDS, type MergeReport } from '../../../../domain/cart/cart.js';
import type { CartView } from '../../../../domain/cart/view.js';
import { activityFamily, activityKind, addOnOffer, gifts, pricedLine, unmetThreshold } from '../pricing/index.js';
import { component, count, int, money, stringMap, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The cart as the shopper sees it (spec §4, CRT-1), and what the cart routes answer around it. */

const invalidReason = z.enum(['unknown_sku', 'not_listed', 'out_of_stock']);

const cartLine = component(
  'CartLine',
  wireObject({
    skuId: wireId,
    quantity: int,
    selected: z.boolean(),
    addedAt: timestamp,
    product: wireObject({ spuId: wireId, skuCode: z.string(), title: z.string(), specs: stringMap, shopId: wireId, selfRun: z.boolean() }).nullable(),
    unitPrice: money.nullable(),
    priceWhenAdded: money.nullable(),
    priceChange: wireObject({ was: money, now: money, difference: money }).nullable(),
    stock: wireObject({ state: z.enum(['in_stock', 'insufficient', 'out_of_stock']), sellable: int.nullable() }),
    maxQuantity: count,
    invalidReason: invalidReason.nullable(),
    pricing: pricedLine.nullable(),
  }),
);

export const cartView = component(
  'CartView',
  wireObject({
    cartId: z.string(),
    owner: wireObject({ kind: z.enum(CART_OWNER_KINDS), id: z.string() }),
    version: count,
    lineCount: count,
    shops: z.array(
      wireObject({
        shopId: wireId,
        selfRun: z.boolean(),
        groups: z.array(
          wireObject({
            promotion: wireObject({ id: wireId, name: z.string(), kind: activityKind, family: activityFamily, discount: money, detail: z.string() }).nullable(),
            unmetThresholds: z.array(unmetThreshold),
            lines: z.array(cartLine),
          }),
        ),
        payable: money,
      }),
    ),
    invalid: z.array(cartLine),
    totals: wireObject({ selectedLines: count, selectedQuantity: count, subtotal: money, itemPriceDiscount: money, activityDiscount: money, payable: money }),
    gifts,
    addOnOffers: z.array(addOnOffer),
    unmetThresholds: z.array(unmetThreshold),
    at: timestamp,
  }),
);

/** POST /guest/carts: the server-made guest id and the (empty) cart. */
export const openedGuestCart = component('OpenedGuestCart', wireObject({ guestId: z.string(), cart: cartView }));

const mergeReport = {
  merged: z.array(wireObject({ skuId: wireId, quantity: int, capped: z.boolean() })),
  skipped: z.array(wireObject({ skuId: wireId, reason: z.enum(['unavailable', 'full']) })),
};
/** POST /me/cart/merge: what was carried over or skipped, and the member's cart. */
export const mergedCart = component('MergedCart', wireObject({ ...mergeReport, cart: cartView }));

export type CartWireChecks = [
  Check<Same<z.output<typeof cartView>, Json<CartView>>>,
  Check<Same<z.output<typeof mergedCart>, Json<MergeReport & { cart: CartView }>>>,
];
