import * as checkout from '../../application/checkout/index.js';
import { checkoutRoutes } from '../http/express/checkout/index.js';
import { useCaseToken } from './compose.js';
import { baseDeps, defineContext, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** `createZhongtai({ checkout })`: the checkout's ports a host may replace. */
export interface CheckoutModuleOptions {
  /** The member's points and the spending rule (default: the membership ledger and its points rule, `TOKENS.CheckoutPoints`). */
  readonly points?: checkout.CheckoutPoints;
}

const optionsOf = (w: Wiring): CheckoutModuleOptions => (w.options.checkout ?? {}) as CheckoutModuleOptions;

/**
 * 结算页 (issue #5): the checkout preview — it loads every input (cart, promotion, coupon, membership,
 * freight, dispatch, crossborder through their published services) and quotes it purely. Its ports come
 * from the modules that provide them: the cart's shop policy, the coupon context's customer history,
 * membership's points.
 */
export const checkoutContext = defineContext({
  name: 'checkout',
  deps: (w): checkout.CheckoutDeps => ({
    ...baseDeps(w),
    shops: w.get(TOKENS.ProductShops),
    customers: w.get(TOKENS.CustomerHistory),
    points: optionsOf(w).points ?? w.get(TOKENS.CheckoutPoints),
  }),
  facades: {
    checkout: {
      /** Pricing, freight, pre-dispatch, cross-border tax and the child orders, per line. Writes nothing. */
      preview: (d) => new checkout.PreviewCheckout(d),
    },
  },
  // Placing an order prices with the same preview, inside its own transaction (`inTransaction`).
  provides: [provide(TOKENS.CheckoutPreview, (w) => w.get(useCaseToken('checkout', 'checkout', 'preview')) as checkout.PreviewCheckout)],
  routes: checkoutRoutes,
});
