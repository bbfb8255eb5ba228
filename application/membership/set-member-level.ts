import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkAudit } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member, rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** Staff set a member's platform level by hand: audited; the next growth change puts it back on the table. */
export class SetMemberLevel {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; level: number; operator: string; reason: string }): Promise<{ fromLevel: number; toLevel: number }> {
    checkAudit(cmd.operator, cmd.reason);
    return this.d.uow.run(async (tx) => {
      const members = tx.use(MEMBERSHIP_STORE).members;
      const { levels } = await rules(tx);
      if (!Number.isSafeInteger(cmd.level) || cmd.level < 1 || cmd.level > levels.thresholds.length) {
        throw MEMBERSHIP_ERRORS.raise('INVALID_LEVEL', `a level is 1 to ${levels.thresholds.length}`, { level: cmd.level });
      }
      await member(tx, cmd.memberId);
      const at = this.d.clock.now();
      const from = await members.setLevel(cmd.memberId, cmd.level);
      await members.recordLevelChange({
        id: this.d.ids.next(),
        memberId: cmd.memberId,
        scope: 'platform',
        fromLevel: from,
        toLevel: cmd.level,
        reason: 'manual',
        at,
      });
      await members.recordAudit({
        id: this.d.ids.next(),
        memberId: cmd.memberId,
        action: 'level',
        operator: cmd.operator,
        reason: cmd.reason,
        detail: { from, to: cmd.level },
        at,
      });
      tx.recordEvents([
        {
          type: 'membership.level.changed',
          aggregateId: cmd.memberId,
          occurredAt: at,
          payload: { scope: 'platform', fromLevel: from, toLevel: cmd.level, reason: 'manual', operator: cmd.operator },
        },
      ]);
      return { fromLevel: from, toLevel: cmd.level };
    });
  }
}
