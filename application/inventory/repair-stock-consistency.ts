import type { StockMovement } from '../../domain/inventory/movement.js';
import { sellable, STOCK_FIELDS } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { salesAnomalies, type StockAnomaly } from './consistency.js';
import { INVENTORY_STORE } from './store.js';

export interface StockRepair {
  /** What was found and repaired. */
  readonly anomalies: readonly StockAnomaly[];
  /** Trusting the counters: the correction movement written per SKU. */
  readonly corrections: readonly StockMovement[];
}

/**
 * Repairs what `CheckStockConsistency` reports, in one transaction, the way the operator chooses:
 * trusting the **counters** (they were moved by guarded statements; the ledger lost lines, e.g. a
 * manual SQL fix) appends one `correction` movement per SKU whose delta is the difference, so the
 * ledger explains the counters again; trusting the **ledger** (a counter was overwritten) sets the
 * counters to the ledger's sums, refused if that would break INV-3 (`INVENTORY.REPAIR_WOULD_OVERSELL`).
 */
export class RepairStockConsistency {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { skuIds?: readonly string[]; trust: 'counters' | 'ledger' }): Promise<StockRepair> {
    if (cmd.trust !== 'counters' && cmd.trust !== 'ledger') {
      throw DomainError.invalid('INVENTORY.INVALID_REPAIR', 'a repair trusts either the counters or the ledger', { trust: cmd.trust });
    }
    return this.d.uow.run(async (tx) => {
      const { salesStocks } = tx.use(INVENTORY_STORE);
      const anomalies = await salesAnomalies(tx, cmd.skuIds);
      const corrections: StockMovement[] = [];
      const at = this.d.clock.now();
      for (const skuId of [...new Set(anomalies.map((a) => a.skuId))]) {
        const stock = (await salesStocks.get(skuId))!;
        const mine = anomalies.filter((a) => a.skuId === skuId);
        const diff = (f: (typeof STOCK_FIELDS)[number]) => mine.find((a) => a.field === f) ?? { counter: stock[f], ledger: stock[f] };
        if (cmd.trust === 'counters') {
          const delta = { total: 0, locked: 0, sold: 0, activity: 0, presale: 0 };
          for (const f of STOCK_FIELDS) delta[f] = diff(f).counter - diff(f).ledger;
          const id = this.d.ids.next();
          const movement: StockMovement = { id, skuId, kind: 'correction', reference: `repair:${id}`, lockReference: null, pool: null, quantity: 0, delta, at };
          await salesStocks.recordCorrection(movement);
          corrections.push(movement);
        } else {
          const counters = {
            total: diff('total').ledger,
            locked: diff('locked').ledger,
            sold: diff('sold').ledger,
            activity: diff('activity').ledger,
            presale: diff('presale').ledger,
          };
          const repaired = { ...stock, ...counters };
          const negative = STOCK_FIELDS.some((f) => f !== 'total' && repaired[f] < 0);
          if (negative || (!stock.virtual && sellable(repaired) < -stock.oversellAllowance)) {
            throw DomainError.conflict('INVENTORY.REPAIR_WOULD_OVERSELL', `the ledger of SKU ${skuId} sums to counters that break INV-3; repair by hand`, {
              skuId,
              ...counters,
            });
          }
          await salesStocks.overwriteCounters(skuId, counters);
        }
      }
      return { anomalies, corrections };
    });
  }
}
