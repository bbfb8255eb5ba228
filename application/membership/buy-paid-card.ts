import { buyPaidCard, type MemberProfile } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { member } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** 付费会员: buys or extends a paid card (apart from the growth levels). */
export class BuyPaidCard {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; plan: string; days: number }): Promise<MemberProfile> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const next = buyPaidCard(await member(tx, cmd.memberId), cmd.plan, cmd.days, now);
      const version = await tx.use(MEMBERSHIP_STORE).members.save(next);
      tx.recordEvents([
        {
          type: 'membership.paid-card.bought',
          aggregateId: next.id,
          occurredAt: now,
          payload: { plan: cmd.plan, days: cmd.days, endsAt: next.paidCard!.endsAt.toISOString() },
        },
      ]);
      return { ...next, version };
    });
  }
}
