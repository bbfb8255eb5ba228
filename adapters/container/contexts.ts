import { cartContext } from './cart.js';
import { catalogContext } from './catalog.js';
import { dispatchContext } from './dispatch.js';
import { couponContext } from './coupon.js';
import { freightContext } from './freight.js';
import { membershipContext } from './membership.js';
import { promotionContext } from './promotion.js';
import { inventoryContext } from './inventory.js';
import { riskContext } from './risk.js';
import { orderingContext } from './ordering.js';
import { paymentContext } from './payment.js';
import { fulfilmentContext } from './fulfilment.js';

/**
 * Every bounded context of zhongtai, as modules (issue #13): the one list the composition root reads.
 * Adding a context is one line here; its code lives in its own folders. Demo data load in this order.
 */
export const CONTEXTS = [
  catalogContext,
  dispatchContext,
  inventoryContext,
  couponContext,
  promotionContext,
  freightContext,
  cartContext,
  membershipContext,
  riskContext,
  orderingContext,
  paymentContext,
  fulfilmentContext,
] as const;
