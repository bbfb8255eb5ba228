import type { CustomerHistory, RandomSource } from '../../domain/coupon/ports.js';
import type { UseCaseDeps } from '../shared/deps.js';

/** What the coupon context's use cases are built with: the base deps, the random source of random amounts, and who is a new customer. */
export interface CouponDeps extends UseCaseDeps {
  /** Random-amount coupons (随机红包) draw from it; tests pass a seeded source. */
  readonly random: RandomSource;
  /** Whether a member never ordered (spec §6): asked, never taken from the caller. */
  readonly customers: CustomerHistory;
}
