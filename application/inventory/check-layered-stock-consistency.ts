import type { UseCaseDeps } from '../shared/deps.js';
import { layerAnomalies, type LayerAnomaly } from './consistency.js';

/**
 * INV-4 in every layer, and the layers against each other: per row, counters against the sum of the
 * ledger; per SKU and warehouse, the dispatch book against the units on hand at its locations. All SKUs
 * with stock in any layer when none are named. `RepairLayeredStockConsistency` repairs what it finds.
 */
export class CheckLayeredStockConsistency {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly skuIds?: readonly string[] } = {}): Promise<LayerAnomaly[]> {
    return this.d.uow.run((tx) => layerAnomalies(tx, cmd.skuIds));
  }
}
