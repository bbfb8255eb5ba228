import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkReference, type LedgerResult } from '../../domain/membership/ledger.js';
import { expiryOf, topUpPoints, type PointsSource } from '../../domain/membership/points.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changePoints } from './ledgers.js';
import { rules } from './lookups.js';

/** Points for sharing (fixed) or a top-up (per yuan), once per reference. */
export class EarnPoints {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; source: 'share' | 'top_up'; reference: string; amount?: string }): Promise<LedgerResult<PointsSource>> {
    checkReference(cmd.reference);
    if (cmd.source !== 'share' && cmd.source !== 'top_up') throw MEMBERSHIP_ERRORS.raise('INVALID_SOURCE', 'earn from share or top_up', { source: cmd.source });
    const topUp = cmd.source === 'top_up' ? Money.parse(cmd.amount ?? '') : null;
    if (topUp && !topUp.amount.greaterThan(0)) throw DomainError.invalid('MONEY.INVALID_AMOUNT', 'a top-up is above zero');
    return this.d.uow.run(async (tx) => {
      const r = await rules(tx);
      const points = topUp ? topUpPoints(r.points, topUp) : r.points.share;
      if (points === 0) throw MEMBERSHIP_ERRORS.raise('NOTHING_TO_EARN', 'the rule grants no points for this');
      return changePoints(tx, this.d, {
        memberId: cmd.memberId,
        source: cmd.source,
        reference: cmd.reference,
        delta: points,
        expiresAt: expiryOf(r.points, this.d.clock.now()),
      });
    });
  }
}
