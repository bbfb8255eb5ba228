import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import { checkAudit, type ShopMembership } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { MEMBERSHIP_STORE } from './store.js';

/** A shop sets a member's shop level (its own scale, beside the platform level): audited. */
export class SetShopLevel {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; shopId: string; level: number; operator: string; reason: string }): Promise<ShopMembership> {
    checkAudit(cmd.operator, cmd.reason);
    if (!Number.isSafeInteger(cmd.level) || cmd.level < 1 || cmd.level > 20)
      throw MEMBERSHIP_ERRORS.raise('INVALID_LEVEL', 'a level is 1 to 20', { level: cmd.level });
    return this.d.uow.run(async (tx) => {
      const members = tx.use(MEMBERSHIP_STORE).members;
      const m = await members.shopMembership(cmd.shopId, cmd.memberId);
      if (!m) throw MEMBERSHIP_ERRORS.raise('NOT_A_SHOP_MEMBER', `member ${cmd.memberId} has not joined shop ${cmd.shopId}`, { shopId: cmd.shopId });
      const at = this.d.clock.now();
      const next = { ...m, level: cmd.level };
      await members.saveShopMembership(next);
      await members.recordLevelChange({
        id: this.d.ids.next(),
        memberId: m.memberId,
        scope: cmd.shopId,
        fromLevel: m.level,
        toLevel: cmd.level,
        reason: 'manual',
        at,
      });
      await members.recordAudit({
        id: this.d.ids.next(),
        memberId: m.memberId,
        action: 'shop_level',
        operator: cmd.operator,
        reason: cmd.reason,
        detail: { shopId: cmd.shopId, from: m.level, to: cmd.level },
        at,
      });
      tx.recordEvents([
        {
          type: 'membership.level.changed',
          aggregateId: m.memberId,
          occurredAt: at,
          payload: { scope: cmd.shopId, fromLevel: m.level, toLevel: cmd.level, reason: 'manual' },
        },
      ]);
      return next;
    });
  }
}
