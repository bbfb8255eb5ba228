import { COUPON_ERRORS } from '../../domain/coupon/errors.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { COUPON_STORE } from './store.js';

export const DEFAULT_EXPIRY_BATCH = 500;

/** The expiry sweep at `at` (default now): available and returned coupons past their validity become expired, at most `limit` per run. */
export class ExpireCoupons {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly at?: Date; readonly limit?: number } = {}): Promise<{ readonly expired: number }> {
    const limit = cmd.limit ?? DEFAULT_EXPIRY_BATCH;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
      throw COUPON_ERRORS.raise('INVALID_COMMAND', 'a sweep takes 1 to 10000 coupons', { limit });
    }
    return this.d.uow.run(async (tx) => {
      const coupons = tx.use(COUPON_STORE).ownedCoupons;
      const at = cmd.at ?? this.d.clock.now();
      let expired = 0;
      for (const coupon of await coupons.dueForExpiry(at, limit)) {
        if (!coupon.expire(at)) continue;
        await coupons.save(coupon);
        expired += 1;
      }
      return { expired };
    });
  }
}
