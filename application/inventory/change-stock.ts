import type { UseCaseDeps } from '../shared/deps.js';
import { applyStockChange, type StockChange, type StockChangeResult } from './stock-change.js';

/**
 * One stock operation (INV-2): inbound, stock-take, return, activity carve-out and release, or a
 * single lock, unlock or deduct. One transaction; replaying the same reference returns the first result.
 */
export class ChangeStock {
  constructor(private readonly d: UseCaseDeps) {}

  execute(change: StockChange): Promise<StockChangeResult> {
    return this.d.uow.run((tx) => applyStockChange(tx, this.d.ids, this.d.clock, change));
  }
}
