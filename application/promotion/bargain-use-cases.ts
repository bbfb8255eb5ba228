import { Bargain, type BargainHelp, type BargainSnapshot } from '../../domain/promotion/bargain.js';
import type { Money } from '../../domain/shared/money.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { requireActivity, requireBargain } from './lookups.js';

export interface BargainView extends BargainSnapshot {
  readonly currentPrice: Money;
}

const viewOf = (b: Bargain): BargainView => ({ ...b.toSnapshot(), currentPrice: b.currentPrice });

/** 发起砍价: a member starts their bargain on a running bargain activity; starting again returns the one they have. */
export class StartBargain {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string; readonly memberId: string }): Promise<BargainView> {
    return this.uow.run(async (tx) => {
      const existing = await tx.bargains.ofMember(cmd.activityId, cmd.memberId);
      if (existing) return viewOf(existing);
      const activity = await requireActivity(tx, cmd.activityId);
      // The seed is a fresh unique id: the cuts are random to the helpers, reproducible from the stored seed.
      const id = this.ids.next();
      const bargain = Bargain.start({ id, activity, memberId: cmd.memberId, seed: this.ids.next(), now: this.clock.now() });
      await tx.bargains.save(bargain);
      tx.recordEvents(bargain.pullEvents());
      return viewOf(bargain);
    });
  }
}

/** 帮砍: a helper cuts the price; idempotent per helper (asking again returns their first cut). */
export class HelpBargain {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly bargainId: string; readonly helperId: string }): Promise<BargainView & { readonly help: BargainHelp; readonly replayed: boolean }> {
    return this.uow.run(async (tx) => {
      const bargain = await requireBargain(tx, cmd.bargainId);
      const { help, replayed } = bargain.help(cmd.helperId, this.clock.now());
      if (!replayed) {
        await tx.bargains.save(bargain);
        tx.recordEvents(bargain.pullEvents());
      }
      return { ...viewOf(bargain), help, replayed };
    });
  }
}

export class GetBargain {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly bargainId: string }): Promise<BargainView> {
    return this.uow.run(async (tx) => viewOf(await requireBargain(tx, cmd.bargainId)));
  }
}
