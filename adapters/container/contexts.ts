import { afterSalesContext } from './after-sales.js';
import { cartContext } from './cart.js';
import { catalogContext } from './catalog.js';
import { checkoutContext } from './checkout.js';
import { couponContext } from './coupon.js';
import { crossborderContext } from './crossborder.js';
import { dispatchContext } from './dispatch.js';
import { financeContext } from './finance.js';
import { freightContext } from './freight.js';
import { fulfilmentContext } from './fulfilment.js';
import { inventoryContext } from './inventory.js';
import { invoiceContext } from './invoice.js';
import { membershipContext } from './membership.js';
import { orderingContext } from './ordering.js';
import { paymentContext } from './payment.js';
import { promotionContext } from './promotion.js';
import { reconciliationContext } from './reconciliation.js';
import { riskContext } from './risk.js';

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
  crossborderContext,
  checkoutContext,
  riskContext,
  orderingContext,
  paymentContext,
  fulfilmentContext,
  afterSalesContext,
  invoiceContext,
  financeContext,
  reconciliationContext,
] as const;
