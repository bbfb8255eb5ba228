import type { BargainHelp } from '../../domain/promotion/bargain.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { bargainView, requireBargain, type BargainView } from './lookups.js';
import { PROMOTION_STORE } from './store.js';

/** 帮砍: a helper cuts the price; idempotent per helper (asking again returns their first cut). */
export class HelpBargain {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly bargainId: string; readonly helperId: string }): Promise<BargainView & { readonly help: BargainHelp; readonly replayed: boolean }> {
    return this.d.uow.run(async (tx) => {
      const bargain = await requireBargain(tx, cmd.bargainId);
      const { help, replayed } = bargain.help(cmd.helperId, this.d.clock.now());
      if (!replayed) await tx.use(PROMOTION_STORE).bargains.save(bargain);
      return { ...bargainView(bargain), help, replayed };
    });
  }
}
