import type { StockPolicies } from '../../domain/inventory/ports.js';
import type { SalesStock } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { INT32_MAX, isWholeIn } from '../../domain/shared/integers.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCatalogSku } from './lookups.js';
import { INVENTORY_STORE } from './store.js';

/** Creates the stock record of a catalog SKU, or changes its policies: oversell allowance, low-stock threshold, virtual. */
export class ConfigureStock {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { skuId: string } & StockPolicies): Promise<SalesStock> {
    return this.d.uow.run(async (tx) => {
      await requireCatalogSku(tx, cmd.skuId);
      for (const [name, v] of [
        ['oversellAllowance', cmd.oversellAllowance],
        ['lowStockThreshold', cmd.lowStockThreshold],
      ] as const) {
        if (v !== undefined && v !== null && !isWholeIn(v, 0, INT32_MAX)) {
          throw DomainError.invalid('INVENTORY.INVALID_POLICY', `${name} is a whole number from 0 to ${INT32_MAX}`, { [name]: v });
        }
      }
      if (cmd.virtual !== undefined && typeof cmd.virtual !== 'boolean') {
        throw DomainError.invalid('INVENTORY.INVALID_POLICY', 'virtual is true or false', { virtual: cmd.virtual });
      }
      return tx.use(INVENTORY_STORE).salesStocks.configure(cmd.skuId, cmd);
    });
  }
}
