import type { GrowthSource } from '../../domain/membership/growth.js';
import { checkAmount, type LedgerResult } from '../../domain/membership/ledger.js';
import { checkAudit } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth } from './ledgers.js';
import { MEMBERSHIP_STORE } from './store.js';

/** Staff change a member's growth by hand: audited (who, why). */
export class AdjustGrowth {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; delta: number; operator: string; reason: string; reference?: string }): Promise<LedgerResult<GrowthSource>> {
    checkAudit(cmd.operator, cmd.reason);
    checkAmount(Math.abs(cmd.delta), 'growth');
    return this.d.uow.run(async (tx) => {
      const reference = cmd.reference ?? this.d.ids.next();
      const r = await changeGrowth(tx, this.d, { memberId: cmd.memberId, source: 'manual', reference, delta: cmd.delta });
      if (!r.replayed) {
        await tx.use(MEMBERSHIP_STORE).members.recordAudit({
          id: this.d.ids.next(),
          memberId: cmd.memberId,
          action: 'growth',
          operator: cmd.operator,
          reason: cmd.reason,
          detail: { delta: cmd.delta, reference },
          at: r.entry.at,
        });
      }
      return r;
    });
  }
}
