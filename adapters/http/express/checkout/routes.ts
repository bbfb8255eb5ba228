import { z } from 'zod';
import { CHANNELS, type Channel } from '../../../../domain/pricing/index.js';
import { type ErrorCodes, errorsOf, id, number32, route, type Route } from '../route.js';
import { checkoutPreview } from './wire.js';

/** A tax rate as a decimal fraction string ("0.17"); its range is the domain's to judge (CROSSBORDER.INVALID_RATE). */
const rate = z.string().regex(/^\d{1,3}(\.\d{1,6})?$/, 'a rate is a fraction such as "0.17"');
/** Cross-border lines and their tax rates (the checkout preview prices them; placing them is refused for now). */
export const crossBorderRates = z.array(z.object({ skuId: id, consumptionRate: rate, vatRate: rate }).strict()).max(120);

/**
 * The body of a checkout preview. Quantities are only typed: 0, fractional and too large quantities get
 * the cart's codes from the domain. The address is only typed too (CHECKOUT.INVALID_ADDRESS).
 */
const previewBody = z
  .object({
    address: z.string().max(20),
    buyNow: z.object({ skuId: id, quantity: number32 }).strict().optional(),
    coupons: z.union([z.enum(['recommended', 'none']), z.array(id).max(20)]).optional(),
    points: z.union([z.number().int().min(0).max(1_000_000_000), z.literal('max')]).optional(),
    channel: z.enum(CHANNELS as unknown as [Channel, ...Channel[]]).optional(),
    crossBorder: crossBorderRates.optional(),
    personId: z.string().min(1).max(64).optional(),
  })
  .strict();

/** What pricing the member's lines can refuse, in a preview and when placing the order (docs/contexts/checkout.md). */
export const PRICING_ERRORS: ErrorCodes = {
  404: ['CART.UNKNOWN_SKU', 'CHECKOUT.COUPON_NOT_FOUND'],
  409: ['CART.SKU_NOT_LISTED', 'CART.OUT_OF_STOCK'],
  422: [
    'CHECKOUT.INVALID_ADDRESS',
    'CHECKOUT.NOTHING_TO_BUY',
    'CHECKOUT.COUPON_NOT_USABLE',
    'CART.INVALID_QUANTITY',
    'CART.QUANTITY_LIMIT',
    'FREIGHT.MISSING_WEIGHT',
    'FREIGHT.MISSING_VOLUME',
  ],
};

/** 结算页 for the calling member (the token's subject; no route takes a member id). */
export const checkoutRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/checkout/preview',
    tag: 'checkout',
    access: 'member',
    body: previewBody,
    response: checkoutPreview,
    errors: errorsOf(PRICING_ERRORS, {
      422: ['CHECKOUT.UNKNOWN_CROSS_BORDER_LINE', 'CROSSBORDER.INVALID_RATE', 'CROSSBORDER.TRANSACTION_LIMIT', 'CROSSBORDER.YEARLY_LIMIT'],
    }),
    summary:
      "Checkout preview of the member's selected cart lines (or a buy-now line) to an address: pricing with coupons and points (PRM-3), freight per shop, pre-dispatch, cross-border tax and limits, and the child orders per shop and warehouse (ORD-5), every amount per line. Writes nothing.",
    handler: (ctx) => {
      const b = ctx.body;
      return ctx.zt.checkout.preview({
        memberId: ctx.identity!.subject,
        address: b.address,
        ...(b.buyNow ? { buyNow: b.buyNow } : {}),
        ...(b.coupons !== undefined ? { coupons: b.coupons } : {}),
        ...(b.points !== undefined ? { points: b.points } : {}),
        ...(b.channel ? { channel: b.channel } : {}),
        ...(b.crossBorder ? { crossBorder: b.crossBorder } : {}),
        ...(b.personId ? { personId: b.personId } : {}),
      });
    },
  }),
];
