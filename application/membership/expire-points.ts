import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { endOfYear } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * The expiry sweep: points earned in `year` (expiring at the end of year + 1) that debits have not
 * used by then expire, for every member at once. Refused before the cutoff; idempotent per year.
 */
export class ExpirePoints {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { earnedInYear: number }): Promise<{ members: number; points: number }> {
    const y = cmd.earnedInYear;
    if (!Number.isSafeInteger(y) || y < 2000 || y > 9000) throw MEMBERSHIP_ERRORS.raise('INVALID_YEAR', 'a year such as 2025', { year: y });
    const cutoff = endOfYear(y + 1);
    const now = this.d.clock.now();
    if (now < cutoff)
      throw MEMBERSHIP_ERRORS.raise('NOT_YET_EXPIRED', `points earned in ${y} expire at ${cutoff.toISOString()}`, { cutoff: cutoff.toISOString() });
    return this.d.uow.run(async (tx) => {
      const r = await tx.use(MEMBERSHIP_STORE).pointsLedger.expire(cutoff, `expiry:${y}`, now, () => this.d.ids.next());
      if (r.members > 0)
        tx.recordEvents([{ type: 'membership.points.expired', aggregateId: `expiry:${y}`, occurredAt: now, payload: { ...r, earnedInYear: y } }]);
      return r;
    });
  }
}
