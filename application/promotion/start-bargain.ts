import { Bargain } from '../../domain/promotion/bargain.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { bargainView, requireActivity, type BargainView } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** 发起砍价: a member starts their bargain on a running bargain activity; starting again returns the one they have. */
export class StartBargain {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly activityId: string; readonly memberId: string }): Promise<BargainView> {
    return this.d.uow.run(async (tx) => {
      const bargains = tx.use(PROMOTION_STORE).bargains;
      const existing = await bargains.ofMember(cmd.activityId, cmd.memberId);
      if (existing) return bargainView(existing);
      const activity = await requireActivity(tx, cmd.activityId);
      // The seed is a fresh unique id: the cuts are random to the helpers, reproducible from the stored seed.
      const id = this.d.ids.next();
      const bargain = Bargain.start({ id, activity, memberId: cmd.memberId, seed: this.d.ids.next(), now: this.d.clock.now() });
      await bargains.save(bargain);
      return bargainView(bargain);
    });
  }
}
