import type { SpuSnapshot } from '../../domain/catalog/spu.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireSpu } from './lookups.js';
import { optionalPrice, price } from './spu-checks.js';
import { CATALOG_STORE } from './store.js';

export interface ChangeSkuPriceCommand {
  readonly spuId: string;
  readonly skuId: string;
  readonly salePrice?: string;
  readonly marketPrice?: string | null;
}

/** The sale and/or market price of one SKU (`catalog.sku.price-changed`). */
export class ChangeSkuPrice {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: ChangeSkuPriceCommand): Promise<SpuSnapshot> {
    return this.d.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      spu.changePrice(cmd.skuId, { salePrice: price(cmd.salePrice), marketPrice: optionalPrice(cmd.marketPrice) }, this.d.clock.now());
      await tx.use(CATALOG_STORE).spus.save(spu);
      return spu.toSnapshot();
    });
  }
}
