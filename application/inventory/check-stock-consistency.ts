import type { UseCaseDeps } from '../shared/deps.js';
import { salesAnomalies, type StockAnomaly } from './consistency.js';

/** INV-4: compares each SKU's counters with the sum of its ledger and reports every difference (all SKUs when none are named). */
export class CheckStockConsistency {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { skuIds?: readonly string[] } = {}): Promise<StockAnomaly[]> {
    return this.d.uow.run((tx) => salesAnomalies(tx, cmd.skuIds));
  }
}
