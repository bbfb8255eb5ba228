import type { UseCaseDeps } from '../shared/deps.js';
import { bargainView, requireBargain, type BargainView } from './lookups.js';

/** One bargain with the price its helpers have cut it to. */
export class GetBargain {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly bargainId: string }): Promise<BargainView> {
    return this.d.uow.run(async (tx) => bargainView(await requireBargain(tx, cmd.bargainId)));
  }
}
