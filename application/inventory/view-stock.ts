import type { StockMovement } from '../../domain/inventory/movement.js';
import { sellable, type SalesStock } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { INVENTORY_STORE } from './store.js';

export interface StockView extends SalesStock {
  readonly sellable: number;
  readonly inStock: boolean;
  /** What is left in each carve-out pool (activity or channel). */
  readonly pools: Readonly<Record<string, number>>;
  readonly movements: readonly StockMovement[];
}

/** A SKU's sales layer (INV-1: sellable and the shopper's "in stock") with its pools and ledger. */
export class ViewStock {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { skuId: string }): Promise<StockView> {
    return this.d.uow.run(async (tx) => {
      const { salesStocks } = tx.use(INVENTORY_STORE);
      const stock = await salesStocks.get(cmd.skuId);
      if (!stock) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `SKU ${cmd.skuId} has no stock record`, { skuId: cmd.skuId });
      const available = sellable(stock);
      return {
        ...stock,
        sellable: available,
        inStock: stock.virtual || available > 0,
        pools: await salesStocks.pools(cmd.skuId),
        movements: await salesStocks.movements(cmd.skuId),
      };
    });
  }
}
