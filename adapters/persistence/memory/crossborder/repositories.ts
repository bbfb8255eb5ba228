import type { CrossBorderStore } from '../../../../application/crossborder/store.js';
import type { CrossBorderPurchases } from '../../../../domain/crossborder/ports.js';
import { Money } from '../../../../domain/shared/money.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The cross-border context's table in the memory database: a person's paid amount per year, keyed `<year>:<personId>`. */
const PURCHASES = 'crossBorderPurchases';
type PurchaseRow = { id: string; personId: string; year: number; paid: string; version: number };

/** The cross-border store of one memory transaction. */
export const memoryCrossBorderStore = (tx: MemoryTransactionState): CrossBorderStore => ({ purchases: new MemoryCrossBorderPurchases(tx) });

/**
 * What a person paid for cross-border orders per year, in memory (table `crossBorderPurchases`). Nothing
 * records into it until ordering records paid cross-border orders (issue #6): it answers zero.
 */
export class MemoryCrossBorderPurchases implements CrossBorderPurchases {
  constructor(private readonly tx: MemoryTransactionState) {}

  async paidInYear(personId: string, year: number): Promise<Money> {
    const row = this.tx.read<PurchaseRow>(PURCHASES, `${year}:${personId}`);
    return row ? Money.of(row.paid) : Money.zero();
  }
}
