import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkAmount, checkReference, type LedgerResult } from '../../domain/membership/ledger.js';
import type { PointsSource } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changePoints } from './ledgers.js';

/** Spending in the points mall (积分商城) or for a member right (权益), once per reference; guarded. */
export class SpendPoints {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; purpose: 'mall' | 'right'; reference: string; points: number }): Promise<LedgerResult<PointsSource>> {
    checkAmount(cmd.points);
    checkReference(cmd.reference);
    if (cmd.purpose !== 'mall' && cmd.purpose !== 'right')
      throw MEMBERSHIP_ERRORS.raise('INVALID_SOURCE', 'spend in the mall or for a right', { purpose: cmd.purpose });
    return this.d.uow.run((tx) => changePoints(tx, this.d, { memberId: cmd.memberId, source: cmd.purpose, reference: cmd.reference, delta: -cmd.points }));
  }
}
