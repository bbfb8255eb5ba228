import { businessDay } from '../../domain/membership/points.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { changeGrowth } from './ledgers.js';
import { member, rules } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** The first manual login of the business day earns growth once (reference: the day). */
export class RecordLogin {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; manual?: boolean }): Promise<{ granted: number; growth: number }> {
    return this.d.uow.run(async (tx) => {
      const r = await rules(tx);
      if (cmd.manual === false || r.growth.dailyLogin === 0)
        return { granted: 0, growth: await tx.use(MEMBERSHIP_STORE).growthLedger.balance((await member(tx, cmd.memberId)).id) };
      const res = await changeGrowth(
        tx,
        this.d,
        { memberId: cmd.memberId, source: 'login', reference: businessDay(this.d.clock.now()), delta: r.growth.dailyLogin },
        r.levels,
      );
      return { granted: res.replayed ? 0 : res.entry.delta, growth: res.balance };
    });
  }
}
