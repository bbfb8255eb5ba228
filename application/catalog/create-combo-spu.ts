import { CATALOG_ERRORS } from '../../domain/catalog/errors.js';
import { Spu, type ComboComponent, type SpuSnapshot } from '../../domain/catalog/spu.js';
import { Money } from '../../domain/shared/money.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { assertCodesFree, newSpuBase, optionalPrice, placement, type SpuBase } from './spu-checks.js';
import { CATALOG_STORE } from './store.js';

export interface CreateComboSpuCommand extends SpuBase {
  readonly skuCode?: string;
  readonly salePrice: string;
  readonly marketPrice?: string | null;
  readonly components: readonly ComboComponent[];
}

/** Creates a combo product whose one SKU bundles existing plain SKUs × quantities. */
export class CreateComboSpu {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: CreateComboSpuCommand): Promise<SpuSnapshot> {
    return this.d.uow.run(async (tx) => {
      const spus = tx.use(CATALOG_STORE).spus;
      const placed = await placement(tx, cmd);
      const found = await spus.findSkus(cmd.components.map((c) => c.skuId));
      const bad = cmd.components.filter((c) => !found.some((f) => f.skuId === c.skuId && f.kind === 'standard'));
      if (bad.length > 0) {
        throw CATALOG_ERRORS.raise('INVALID_COMBO', 'combo components must be existing plain SKUs', { skuIds: bad.map((b) => b.skuId) });
      }
      const spu = Spu.createCombo({
        ...newSpuBase(cmd, this.d.ids.next(), placed, this.d.clock.now()),
        skuId: this.d.ids.next(),
        skuCode: cmd.skuCode,
        salePrice: Money.parse(cmd.salePrice),
        marketPrice: optionalPrice(cmd.marketPrice),
        components: cmd.components,
      });
      await assertCodesFree(tx, spu);
      await spus.save(spu);
      return spu.toSnapshot();
    });
  }
}
