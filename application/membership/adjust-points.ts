import { checkAmount, type LedgerResult } from '../../domain/membership/ledger.js';
import { checkAudit } from '../../domain/membership/member.js';
import { expiryOf, type PointsSource } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changePoints } from './ledgers.js';
import { rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** Staff change a member's points by hand: audited; a debit is guarded like any other. */
export class AdjustPoints {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; delta: number; operator: string; reason: string; reference?: string }): Promise<LedgerResult<PointsSource>> {
    checkAudit(cmd.operator, cmd.reason);
    checkAmount(typeof cmd.delta === 'number' ? Math.abs(cmd.delta) : cmd.delta);
    return this.d.uow.run(async (tx) => {
      const r = await rules(tx);
      const reference = cmd.reference ?? this.d.ids.next();
      const at = this.d.clock.now();
      const res = await changePoints(tx, this.d, {
        memberId: cmd.memberId,
        source: 'manual',
        reference,
        delta: cmd.delta,
        expiresAt: cmd.delta > 0 ? expiryOf(r.points, at) : null,
      });
      if (!res.replayed)
        await tx.use(MEMBERSHIP_STORE).members.recordAudit({
          id: this.d.ids.next(),
          memberId: cmd.memberId,
          action: 'points',
          operator: cmd.operator,
          reason: cmd.reason,
          detail: { delta: cmd.delta, reference },
          at,
        });
      return res;
    });
  }
}
