import { paidCardActive, type MemberProfile, type ShopMembership } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

export interface MemberView extends MemberProfile {
  readonly growth: number;
  readonly points: number;
  readonly paidCardActive: boolean;
  readonly shops: readonly ShopMembership[];
}

/** A member's profile with growth and points balances, paid card and shop memberships. */
export class GetMember {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string }): Promise<MemberView> {
    return this.d.uow.run(async (tx) => {
      const store = tx.use(MEMBERSHIP_STORE);
      const m = await member(tx, cmd.memberId);
      return {
        ...m,
        growth: await store.growthLedger.balance(m.id),
        points: await store.pointsLedger.balance(m.id),
        paidCardActive: paidCardActive(m, this.d.clock.now()),
        shops: await store.members.shopMemberships(m.id),
      };
    });
  }
}
