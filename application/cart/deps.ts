import type { GuestCartIds, ProductShops } from '../../domain/cart/ports.js';
import type { UseCaseDeps } from '../shared/deps.js';

/** What every cart use case is built with. */
export interface CartDeps extends UseCaseDeps {
  /** Which shop sells a product, and purchase limits (decision 0014). */
  readonly shops: ProductShops;
  /** New guest cart ids (≥ 128 random bits, made by the server). */
  readonly guestIds: GuestCartIds;
}
