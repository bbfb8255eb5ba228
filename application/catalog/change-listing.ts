import type { SpuSnapshot } from '../../domain/catalog/spu.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireSpu } from './lookups.js';
import { CATALOG_STORE } from './store.js';

export interface ChangeListingCommand {
  readonly spuId: string;
  /** `list` and `unlist` act now; `schedule` sets (or with null clears) future times. */
  readonly action: 'list' | 'unlist' | 'schedule';
  readonly listAt?: Date | null;
  readonly unlistAt?: Date | null;
}

/** 上下架: list or unlist now, or schedule either (CAT-3). */
export class ChangeListing {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ChangeListingCommand): Promise<SpuSnapshot> {
    return this.d.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      const now = this.d.clock.now();
      if (cmd.action === 'list') spu.list(now);
      else if (cmd.action === 'unlist') spu.unlist(now);
      else spu.schedule({ listAt: cmd.listAt, unlistAt: cmd.unlistAt }, now);
      await tx.use(CATALOG_STORE).spus.save(spu);
      return spu.toSnapshot();
    });
  }
}
