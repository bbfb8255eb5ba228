import type { ProductShops } from '../../domain/cart/index.js';
import type { CustomerHistory } from '../../domain/coupon/index.js';
import type { PointsInput } from '../../domain/pricing/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';

/** The member's points and the platform's spending rule; membership (#7) supplies it. Null: the member has no points to spend. */
export interface CheckoutPoints {
  pointsOf(tx: Transaction, memberId: string): Promise<Omit<PointsInput, 'use'> | null>;
}

/** No points anywhere. */
export const noCheckoutPoints: CheckoutPoints = { pointsOf: async () => null };

/** What the checkout preview is built with: the ports other contexts provide (the container gets them by their tokens). */
export interface CheckoutDeps extends UseCaseDeps {
  /** The cart's shop policy (decision 0014), so cart and checkout agree on shops and purchase limits. */
  readonly shops: ProductShops;
  /** Who counts as a new customer (activity and coupon audiences). */
  readonly customers: CustomerHistory;
  /** The member's points and the spending rule (membership's ledger by default). */
  readonly points: CheckoutPoints;
}

/** @deprecated the name before issue #13: `CheckoutDeps`. */
export type CheckoutDependencies = CheckoutDeps;
