import * as cart from '../../application/cart/index.js';
import { CART_STORE } from '../../application/cart/store.js';
import type { GuestCartIds, ProductShops } from '../../domain/cart/ports.js';
import { seedCartDemo } from '../demo/cart.js';
import { cartRoutes } from '../http/express/cart/index.js';
import { memoryCartStore } from '../persistence/memory/cart/repositories.js';
import { randomGuestCartIds } from '../system/cart/guest-cart-ids.js';
import { baseDeps, defineContext, memoryStore, provide, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** `createZhongtai({ cart })`: the cart's policies. */
export interface CartModuleOptions {
  /** Which shop sells a product, and purchase limits (default `brandShops`: decision 0014). */
  readonly shops?: ProductShops;
  /** New guest cart ids (default: 192 random bits). */
  readonly guestIds?: GuestCartIds;
}

const optionsOf = (w: Wiring): CartModuleOptions => (w.options.cart as CartModuleOptions | undefined) ?? {};
const shopsOf = (w: Wiring): ProductShops => optionsOf(w).shops ?? cart.brandShops;

/** 购物车 (spec §4): member and guest carts, the merge at login, invalid lines, the view (CRT-1). */
export const cartContext = defineContext({
  name: 'cart',
  deps: (w): cart.CartDeps => ({ ...baseDeps(w), shops: shopsOf(w), guestIds: optionsOf(w).guestIds ?? randomGuestCartIds }),
  facades: {
    cart: {
      add: (d) => new cart.AddToCart(d),
      changeQuantity: (d) => new cart.ChangeCartQuantity(d),
      remove: (d) => new cart.RemoveFromCart(d),
      /** 勾选: one line, a shop's lines, or all. */
      select: (d) => new cart.SelectCartLines(d),
      clearInvalid: (d) => new cart.ClearInvalidLines(d),
      /** A new guest cart under an unguessable server-made id. */
      openGuestCart: (d) => new cart.OpenGuestCart(d),
      /** At login: the guest's cart into the member's (a second merge changes nothing). */
      mergeGuestCart: (d) => new cart.MergeGuestCart(d),
      /** Lines by shop and promotion, invalid lines apart, prices and stock now, CRT-1 total. */
      view: (d) => new cart.ViewCart(d),
    },
  },
  // The shop policy (decision 0014), so that checkout takes the same shops and purchase limits as the cart.
  provides: [provide(TOKENS.ProductShops, shopsOf)],
  persistence: {
    memory: [memoryStore(CART_STORE, memoryCartStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/cart/index.js')).cartPostgres,
  },
  routes: cartRoutes,
  demo: (zt) => seedCartDemo(zt),
});
