import type { SpuSnapshot, Tag } from '../../domain/catalog/spu.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireSpu } from './lookups.js';
import { CATALOG_STORE } from './store.js';

export interface UpdateSpuCommand {
  readonly spuId: string;
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly Tag[];
}

/** Changes a product's title, description or tags. */
export class UpdateSpu {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: UpdateSpuCommand): Promise<SpuSnapshot> {
    return this.d.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      spu.update({ title: cmd.title, description: cmd.description, tags: cmd.tags }, this.d.clock.now());
      await tx.use(CATALOG_STORE).spus.save(spu);
      return spu.toSnapshot();
    });
  }
}
